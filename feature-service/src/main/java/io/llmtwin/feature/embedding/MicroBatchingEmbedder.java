package io.llmtwin.feature.embedding;

import io.llmtwin.featurestore.EmbeddingModelSpec;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches the texts of concurrent callers (one per message being indexed) into one model call of up
 * to {@code maxBatchSize} texts, waiting at most {@code maxWait} for a batch to fill, so the
 * model's thread pool stays busy. When a batch fails, each caller's texts are retried alone so one
 * bad document fails only its own message.
 *
 * <p>Metrics: {@code llmtwin.feature.embed.batch.size} (texts per model call) and {@code
 * llmtwin.feature.embed.latency} (time of one model call).
 */
public final class MicroBatchingEmbedder implements Embedder, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MicroBatchingEmbedder.class);

  private record Request(List<String> texts, CompletableFuture<List<float[]>> result) {}

  private final Embedder delegate;
  private final int maxBatchSize;
  private final long maxWaitNanos;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread worker;
  private final DistributionSummary batchSize;
  private final Timer latency;
  private volatile boolean running = true;

  public MicroBatchingEmbedder(
      Embedder delegate, int maxBatchSize, Duration maxWait, MeterRegistry meters) {
    this.delegate = delegate;
    this.maxBatchSize = maxBatchSize;
    this.maxWaitNanos = maxWait.toNanos();
    this.batchSize =
        DistributionSummary.builder("llmtwin.feature.embed.batch.size")
            .description("texts per embedding model call")
            .baseUnit("texts")
            .register(meters);
    this.latency =
        Timer.builder("llmtwin.feature.embed.latency")
            .description("duration of one embedding model call")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    this.worker = new Thread(this::run, "embed-batcher");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  @Override
  public EmbeddingModelSpec spec() {
    return delegate.spec();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    if (!running) {
      throw new EmbeddingFailedException("embedder is closed");
    }
    Request request = new Request(List.copyOf(texts), new CompletableFuture<>());
    queue.add(request);
    try {
      return request.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingFailedException("interrupted while waiting for embeddings", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EmbeddingFailedException failed) {
        throw failed;
      }
      throw new EmbeddingFailedException("embedding failed: " + cause.getMessage(), cause);
    }
  }

  private void run() {
    while (running) {
      try {
        Request first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<Request> batch = new ArrayList<>();
        batch.add(first);
        int size = first.texts().size();
        long deadline = System.nanoTime() + maxWaitNanos;
        while (size < maxBatchSize) {
          long left = deadline - System.nanoTime();
          Request next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
          size += next.texts().size();
        }
        process(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void process(List<Request> batch) {
    List<String> texts = new ArrayList<>();
    batch.forEach(r -> texts.addAll(r.texts()));
    try {
      List<float[]> vectors = call(texts);
      int offset = 0;
      for (Request r : batch) {
        r.result().complete(vectors.subList(offset, offset + r.texts().size()));
        offset += r.texts().size();
      }
    } catch (RuntimeException batchFailure) {
      if (batch.size() == 1) {
        batch.get(0).result().completeExceptionally(batchFailure);
        return;
      }
      log.warn("Embedding batch of {} requests failed, retrying them one by one", batch.size());
      for (Request r : batch) {
        try {
          r.result().complete(call(r.texts()));
        } catch (RuntimeException e) {
          r.result().completeExceptionally(e);
        }
      }
    }
  }

  private List<float[]> call(List<String> texts) {
    batchSize.record(texts.size());
    return latency.record(() -> delegate.embed(texts));
  }

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    Request pending;
    while ((pending = queue.poll()) != null) {
      pending.result().completeExceptionally(new EmbeddingFailedException("embedder is closed"));
    }
  }
}
