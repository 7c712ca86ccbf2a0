package io.llmtwin.inference.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Prompt monitoring ({@code llmtwin.inference.traces.*}).
 *
 * @param enabled whether requests are traced in MongoDB (default true)
 * @param sampleRate the share of requests traced, 0 to 1 (default 1: every request)
 * @param retention how long a trace is kept; a TTL index on {@code createdAt} removes older ones
 *     (default 30 days)
 * @param collection the MongoDB collection (default {@code prompt_traces})
 * @param maxTextChars prompt and completion are cut to this many characters (default 20000)
 * @param queueCapacity traces waiting to be written; more are dropped and counted (default 1000)
 */
@ConfigurationProperties("llmtwin.inference.traces")
public record TraceProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1.0") double sampleRate,
    @DefaultValue("30d") Duration retention,
    @DefaultValue("prompt_traces") String collection,
    @DefaultValue("20000") int maxTextChars,
    @DefaultValue("1000") int queueCapacity) {

  public TraceProperties {
    if (!(sampleRate >= 0 && sampleRate <= 1)) {
      throw new IllegalArgumentException("llmtwin.inference.traces.sample-rate must be in [0, 1]");
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("llmtwin.inference.traces.retention must be positive");
    }
    if (maxTextChars < 1 || queueCapacity < 1 || collection.isBlank()) {
      throw new IllegalArgumentException(
          "llmtwin.inference.traces: max-text-chars and queue-capacity >= 1, collection not blank");
    }
  }
}
