package io.llmtwin.feature.indexing;

import io.llmtwin.model.messaging.Topology;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Consumer settings, {@code llmtwin.feature.indexing.*}.
 *
 * @param concurrency consumers of {@code feature.documents}; several let the embedder batch chunks
 *     of several messages (default 4)
 * @param prefetch unacknowledged messages per consumer (default 4)
 * @param maxAttempts attempts before a failing message goes to the dead-letter queue (default 5);
 *     also a queue argument (Qpid's delivery count), so it must match the crawler's {@code
 *     llmtwin.crawler.cdc.max-attempts}
 * @param retryDelay wait before a failed message is tried again; the {@code x-message-ttl} of the
 *     retry queue, so it must match the crawler's {@code llmtwin.crawler.cdc.retry-delay} and a
 *     change needs the queue deleted (default 30 s)
 */
@ConfigurationProperties("llmtwin.feature.indexing")
public record IndexingProperties(
    Integer concurrency, Integer prefetch, Integer maxAttempts, Duration retryDelay) {
  public IndexingProperties {
    concurrency = concurrency == null ? 4 : concurrency;
    prefetch = prefetch == null ? 4 : prefetch;
    maxAttempts = maxAttempts == null ? Topology.DEFAULT_MAX_ATTEMPTS : maxAttempts;
    retryDelay = retryDelay == null ? Topology.DEFAULT_RETRY_DELAY : retryDelay;
    if (concurrency < 1 || prefetch < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("concurrency, prefetch and max-attempts must be positive");
    }
    if (retryDelay.isNegative() || retryDelay.isZero()) {
      throw new IllegalArgumentException("retry-delay must be positive");
    }
  }
}
