package io.llmtwin.testsupport;

import java.net.URI;
import java.util.Objects;

/**
 * A Qdrant gRPC API for tests (Qdrant itself, or the devstack stand-in).
 *
 * @param host gRPC host
 * @param port gRPC port (Qdrant's default is 6334; 6333 is REST, which the stand-in lacks)
 * @param kind where the server came from
 */
public record QdrantEndpoint(String host, int port, InfrastructureKind kind) {

  /** The gRPC port Qdrant listens on by default. */
  public static final int DEFAULT_GRPC_PORT = 6334;

  /** Checks that nothing is missing. */
  public QdrantEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Reads {@code http://host:port} or {@code host:port} (the gRPC address); the port defaults to
   * 6334.
   *
   * @throws IllegalArgumentException when no host can be read
   */
  public static QdrantEndpoint fromUri(String text, InfrastructureKind kind) {
    String trimmed = text.trim();
    URI uri;
    try {
      uri = URI.create(trimmed.contains("://") ? trimmed : "http://" + trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Qdrant address (http://host:6334): " + text, e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("not a Qdrant address (http://host:6334): " + text);
    }
    return new QdrantEndpoint(
        uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_GRPC_PORT, kind);
  }

  /** {@code http://host:port} of the gRPC API. */
  public String uri() {
    return "http://" + host + ":" + port;
  }
}
