package io.llmtwin.feature.embedding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Embedding settings, {@code llmtwin.feature.embedding.*}.
 *
 * @param model the in-process model, default {@code all-minilm-l6-v2-q}
 * @param maxBatchSize most texts embedded in one call; chunks of several messages are batched
 *     together up to this size (default 64)
 * @param maxWait how long the first text of a batch waits for more (default 20 ms)
 */
@ConfigurationProperties("llmtwin.feature.embedding")
public record EmbeddingProperties(
    EmbeddingModelChoice model, Integer maxBatchSize, Duration maxWait) {
  public EmbeddingProperties {
    model = model == null ? EmbeddingModelChoice.ALL_MINILM_L6_V2_Q : model;
    maxBatchSize = maxBatchSize == null ? 64 : maxBatchSize;
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("max-batch-size must be positive");
    }
    maxWait = maxWait == null ? Duration.ofMillis(20) : maxWait;
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("max-wait must not be negative");
    }
  }
}
