package io.llmtwin.inference.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes traces on one background thread with a bounded queue, so neither MongoDB nor Comet slows
 * down or fails a request; traces that do not fit are dropped and counted ({@code
 * llmtwin.inference.traces.dropped}).
 */
class TraceWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TraceWriter.class);

  private final MongoTraceStore store;
  private final CometPromptLogger comet;
  private final ThreadPoolExecutor executor;
  private final Counter dropped;
  private final Counter cometFailures;

  /**
   * @param comet the Comet logger, or null when no key is set
   */
  TraceWriter(MongoTraceStore store, CometPromptLogger comet, int capacity, MeterRegistry meters) {
    this.store = store;
    this.comet = comet;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(capacity),
            r -> {
              Thread t = new Thread(r, "trace-writer");
              t.setDaemon(true);
              return t;
            });
    this.dropped =
        Counter.builder("llmtwin.inference.traces.dropped")
            .description("prompt traces dropped because the write queue was full")
            .register(meters);
    this.cometFailures =
        Counter.builder("llmtwin.inference.traces.comet.failures")
            .description("prompt traces Comet did not accept")
            .register(meters);
  }

  /** Creates the store's indexes before the first write. */
  void prepare() {
    executor.execute(
        () -> {
          try {
            store.ensureIndexes();
          } catch (RuntimeException e) {
            log.warn("could not create the prompt trace indexes: {}", e.toString());
          }
        });
  }

  void write(PromptTrace trace) {
    try {
      executor.execute(() -> persist(trace));
    } catch (RejectedExecutionException e) {
      dropped.increment();
    }
  }

  private void persist(PromptTrace trace) {
    try {
      store.save(trace);
    } catch (RuntimeException e) {
      log.warn("could not store prompt trace {}: {}", trace.id(), e.toString());
    }
    if (comet != null) {
      try {
        comet.log(trace);
      } catch (RuntimeException e) {
        cometFailures.increment();
        log.warn("Comet did not take prompt trace {}: {}", trace.id(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
