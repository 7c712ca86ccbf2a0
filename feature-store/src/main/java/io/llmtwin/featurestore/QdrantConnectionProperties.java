package io.llmtwin.featurestore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the Qdrant server (or the devstack stand-in) listens, bound from {@code llmtwin.qdrant.*}.
 *
 * @param host host name, default {@code localhost}
 * @param port gRPC port, default 6334
 * @param apiKey API key sent with every call; null or blank for none (take it from the environment,
 *     e.g. {@code LLMTWIN_QDRANT_API_KEY})
 * @param useTls whether to connect with TLS, default false
 * @param timeout deadline of one call, default 30 s
 */
@ConfigurationProperties("llmtwin.qdrant")
public record QdrantConnectionProperties(
    String host, Integer port, String apiKey, Boolean useTls, Duration timeout) {

  public QdrantConnectionProperties {
    host = host == null || host.isBlank() ? "localhost" : host.trim();
    port = port == null ? 6334 : port;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("llmtwin.qdrant.port must be 1-65535, was " + port);
    }
    useTls = useTls != null && useTls;
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("llmtwin.qdrant.timeout must be positive");
    }
  }

  /** Plain connection to {@code host:port} with the defaults for everything else. */
  public static QdrantConnectionProperties of(String host, int port) {
    return new QdrantConnectionProperties(host, port, null, false, null);
  }

  /** True when an API key is configured. */
  public boolean hasApiKey() {
    return apiKey != null && !apiKey.isBlank();
  }

  @Override
  public String toString() {
    return "QdrantConnectionProperties[host=%s, port=%d, apiKey=%s, useTls=%s, timeout=%s]"
        .formatted(host, port, hasApiKey() ? "***" : "none", useTls, timeout);
  }
}
