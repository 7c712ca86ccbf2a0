package io.llmtwin.crawler.cdc;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.messaging.ChangeOperation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The watcher's meters, all named {@code llmtwin.cdc.*} with low-cardinality tags. */
final class CdcMetrics {
  private final MeterRegistry registry;
  private final Timer confirmLatency;
  private final AtomicLong lagMillis = new AtomicLong();

  CdcMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.confirmLatency =
        Timer.builder("llmtwin.cdc.confirm.latency")
            .description("Time from publishing an event to the broker's confirm")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    TimeGauge.builder("llmtwin.cdc.lag", lagMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
        .description("Age of the last published change when its confirm arrived")
        .register(registry);
  }

  void published(DocumentType type, ChangeOperation operation, Duration confirmTime) {
    Counter.builder("llmtwin.cdc.events.published")
        .description("Events confirmed by the broker")
        .tag("type", type.key())
        .tag("operation", operation.key())
        .register(registry)
        .increment();
    confirmLatency.record(confirmTime);
  }

  void skipped(DocumentType type, String reason) {
    Counter.builder("llmtwin.cdc.events.skipped")
        .description("Change events that could not be turned into a message")
        .tag("type", type.key())
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void returned() {
    registry.counter("llmtwin.cdc.events.returned").increment();
  }

  void publishFailure() {
    registry.counter("llmtwin.cdc.publish.failures").increment();
  }

  /** One start of a change stream: {@code resumed} from a token, or {@code snapshot}. */
  void resume(String outcome) {
    Counter.builder("llmtwin.cdc.resumes")
        .description("Change stream starts, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void lag(Duration lag) {
    lagMillis.set(Math.max(0, lag.toMillis()));
  }

  Duration lag() {
    return Duration.ofMillis(lagMillis.get());
  }
}
