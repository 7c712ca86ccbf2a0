package io.llmtwin.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An AMQP 0-9-1 broker for tests (RabbitMQ, or the Qpid stand-in when {@link #kind()} is {@link
 * InfrastructureKind#EMBEDDED}).
 *
 * @param host broker host
 * @param port AMQP port
 * @param username login
 * @param password password
 * @param virtualHost virtual host, {@code /} by default
 * @param kind where the broker came from
 */
public record RabbitEndpoint(
    String host,
    int port,
    String username,
    String password,
    String virtualHost,
    InfrastructureKind kind) {

  /** Checks that nothing is missing. */
  public RabbitEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(virtualHost, "virtualHost");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Reads {@code amqp://user:password@host:port/vhost}; the port defaults to 5672 (5671 for {@code
   * amqps}), the user to guest/guest and the virtual host to {@code /}.
   *
   * @throws IllegalArgumentException when the text is not an amqp URI
   */
  public static RabbitEndpoint fromUri(String text, InfrastructureKind kind) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an AMQP URI: " + text, e);
    }
    String scheme = uri.getScheme();
    if (!"amqp".equals(scheme) && !"amqps".equals(scheme) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an AMQP URI (amqp://user:pass@host:port): " + text);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : "amqps".equals(scheme) ? 5671 : 5672;
    String username = "guest";
    String password = "guest";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    String path = uri.getRawPath();
    String virtualHost = path == null || path.length() <= 1 ? "/" : decode(path.substring(1));
    return new RabbitEndpoint(uri.getHost(), port, username, password, virtualHost, kind);
  }

  /** {@code amqp://user:password@host:port} (plus the virtual host when it is not {@code /}). */
  public String uri() {
    String base = "amqp://" + encode(username) + ":" + encode(password) + "@" + host + ":" + port;
    return "/".equals(virtualHost) ? base : base + "/" + encode(virtualHost);
  }

  /** {@code host:port}, the form of {@code spring.rabbitmq.addresses}. */
  public String address() {
    return host + ":" + port;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
