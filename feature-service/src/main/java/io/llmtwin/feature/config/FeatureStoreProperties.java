package io.llmtwin.feature.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which feature store the service writes to, {@code llmtwin.feature.store.*}.
 *
 * @param backend {@code qdrant} (default; connection from {@code llmtwin.qdrant.*}) or {@code
 *     memory} (nothing persisted: for tests and trying the pipeline without Qdrant)
 */
@ConfigurationProperties("llmtwin.feature.store")
public record FeatureStoreProperties(String backend) {
  public FeatureStoreProperties {
    backend = backend == null ? "qdrant" : backend;
    if (!backend.equals("qdrant") && !backend.equals("memory")) {
      throw new IllegalArgumentException(
          "llmtwin.feature.store.backend must be qdrant or memory, was " + backend);
    }
  }
}
