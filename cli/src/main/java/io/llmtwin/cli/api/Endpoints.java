package io.llmtwin.cli.api;

import java.net.URI;

/**
 * Base URLs of the four services and the API key the CLI sends.
 *
 * @param crawler crawler-service (default {@code http://localhost:8081})
 * @param feature feature-service ({@code :8082})
 * @param training training-service ({@code :8083})
 * @param inference inference-service ({@code :8084})
 * @param apiKey the key ({@code X-API-Key}); may be empty for health checks only
 */
public record Endpoints(URI crawler, URI feature, URI training, URI inference, String apiKey) {

  /** The base URL of one service. */
  public URI url(Service service) {
    return switch (service) {
      case CRAWLER -> crawler;
      case FEATURE -> feature;
      case TRAINING -> training;
      case INFERENCE -> inference;
    };
  }

  /** The same URLs with another key. */
  public Endpoints withApiKey(String key) {
    return new Endpoints(crawler, feature, training, inference, key);
  }
}
