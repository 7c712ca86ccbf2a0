package io.llmtwin.inference.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request limits of the generation endpoints ({@code llmtwin.inference.limits.*}); prompt length
 * and the max-tokens cap are in {@code llmtwin.inference.generation.*}, the wait queue in {@code
 * llmtwin.inference.model.queue-capacity}.
 *
 * @param maxBodySize larger request bodies get 413 {@code payload-too-large} (default 64KB)
 * @param requestsPerMinute sustained generation requests a key may make per minute (default 60; 0
 *     turns the rate limit off)
 * @param burst requests a key may make at once before the rate applies (default 10)
 * @param generationTimeout a JSON generation running longer is cancelled with 504 {@code
 *     generation-timeout} (default 120s; streams use {@code stream-timeout-seconds})
 */
@ConfigurationProperties("llmtwin.inference.limits")
public record LimitsProperties(
    @DefaultValue("64KB") DataSize maxBodySize,
    @DefaultValue("60") int requestsPerMinute,
    @DefaultValue("10") int burst,
    @DefaultValue("120s") Duration generationTimeout) {

  public LimitsProperties {
    if (maxBodySize.toBytes() < 1024) {
      throw new IllegalArgumentException("llmtwin.inference.limits.max-body-size must be >= 1KB");
    }
    if (requestsPerMinute < 0 || burst < 1) {
      throw new IllegalArgumentException(
          "llmtwin.inference.limits: requests-per-minute >= 0 and burst >= 1");
    }
    if (generationTimeout.isNegative() || generationTimeout.isZero()) {
      throw new IllegalArgumentException(
          "llmtwin.inference.limits.generation-timeout must be positive");
    }
  }
}
