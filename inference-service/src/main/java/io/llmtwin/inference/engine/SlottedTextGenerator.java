package io.llmtwin.inference.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-independent part of a {@link TextGenerator}: a fixed pool of generation slots (one
 * thread each) with a bounded wait queue, stop sequences, cancellation and timing.
 */
class SlottedTextGenerator implements TextGenerator {

  private static final Logger log = LoggerFactory.getLogger(SlottedTextGenerator.class);

  private final TokenStream.Engine engine;
  private final ThreadPoolExecutor slots;
  private final int queueCapacity;
  // slots + queue places; released before a result completes, so a finished caller can reuse it
  private final Semaphore permits;

  SlottedTextGenerator(TokenStream.Engine engine, int slotCount, int queueCapacity, String name) {
    if (slotCount < 1 || queueCapacity < 0) {
      throw new IllegalArgumentException("need at least one slot and a non-negative queue");
    }
    this.engine = engine;
    this.queueCapacity = queueCapacity;
    this.permits = new Semaphore(slotCount + queueCapacity);
    AtomicInteger threads = new AtomicInteger();
    this.slots =
        new ThreadPoolExecutor(
            slotCount,
            slotCount,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-slot-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Generations waiting for a slot. */
  int queued() {
    return slots.getQueue().size();
  }

  @Override
  public Generation generate(GenerationRequest request, TokenListener listener) {
    if (slots.isShutdown()) {
      throw new GenerationRejectedException("the generator is closed");
    }
    if (!permits.tryAcquire()) {
      throw new GenerationRejectedException(
          "all "
              + slots.getMaximumPoolSize()
              + " generation slots and "
              + queueCapacity
              + " queue places are busy");
    }
    RunningGeneration generation = new RunningGeneration(request, listener);
    try {
      slots.execute(generation::runAndRelease);
    } catch (RejectedExecutionException e) {
      permits.release();
      throw new GenerationRejectedException("the generator is closed");
    }
    return generation;
  }

  @Override
  public void close() {
    slots.shutdown();
    try {
      if (!slots.awaitTermination(5, TimeUnit.MINUTES)) {
        log.warn("generations still running after 5 minutes; closing anyway");
        slots.shutdownNow();
      }
    } catch (InterruptedException e) {
      slots.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private final class RunningGeneration implements Generation {
    private final GenerationRequest request;
    private final TokenListener listener;
    private final long submitted = System.nanoTime();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();

    RunningGeneration(GenerationRequest request, TokenListener listener) {
      this.request = request;
      this.listener = listener;
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }

    @Override
    public CompletableFuture<GenerationResult> result() {
      return result;
    }

    /** Runs the generation, frees its permit, then publishes the outcome. */
    void runAndRelease() {
      GenerationResult outcome = null;
      Throwable failure = null;
      try {
        outcome = run();
      } catch (Throwable e) { // whatever escapes (even an undeclared checked one from JNI)
        failure = e;
      } finally {
        permits.release(); // the slot is free before the caller hears the outcome
      }
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(outcome);
      }
    }

    private GenerationResult run() {
      long start = System.nanoTime();
      Duration queueWait = Duration.ofNanos(start - submitted);
      if (cancelled.get()) {
        return new GenerationResult(
            "", 0, FinishReason.CANCELLED, queueWait, Duration.ZERO, Duration.ZERO);
      }
      StopSequenceFilter filter = new StopSequenceFilter(request.stopSequences());
      int tokens = 0;
      long firstToken = 0;
      FinishReason reason = null;
      TokenStream stream = null;
      try {
        stream = engine.open(request);
        while (reason == null && stream.hasNext()) {
          String piece = stream.next();
          tokens++;
          if (firstToken == 0) {
            firstToken = System.nanoTime();
          }
          emit(filter.accept(piece));
          if (filter.stopped()) {
            reason = FinishReason.STOP_SEQUENCE;
          } else if (cancelled.get()) {
            reason = FinishReason.CANCELLED;
          } else if (tokens >= request.maxTokens()) {
            reason = FinishReason.MAX_TOKENS;
          }
        }
        if (reason == null) {
          reason = cancelled.get() ? FinishReason.CANCELLED : FinishReason.END_OF_SEQUENCE;
        }
        if (reason != FinishReason.END_OF_SEQUENCE) {
          stream.cancel();
        }
        if (reason != FinishReason.CANCELLED) {
          emit(filter.flush());
        }
        long end = System.nanoTime();
        return new GenerationResult(
            filter.text(),
            tokens,
            reason,
            queueWait,
            firstToken == 0 ? Duration.ZERO : Duration.ofNanos(firstToken - start),
            Duration.ofNanos(end - start));
      } catch (ListenerFailed e) {
        stream.cancel();
        log.debug("generation cancelled: listener failed ({})", e.getCause().toString());
        return new GenerationResult(
            filter.text(),
            tokens,
            FinishReason.CANCELLED,
            queueWait,
            firstToken == 0 ? Duration.ZERO : Duration.ofNanos(firstToken - start),
            Duration.ofNanos(System.nanoTime() - start));
      } catch (RuntimeException e) {
        if (stream != null) {
          stream.cancel();
        }
        throw new GenerationFailedException("generation failed: " + e.getMessage(), e);
      }
    }

    private void emit(String text) {
      if (text.isEmpty()) {
        return;
      }
      try {
        listener.onText(text);
      } catch (RuntimeException e) {
        cancelled.set(true);
        throw new ListenerFailed(e);
      }
    }
  }

  /** Marks a failure of the caller's listener, as opposed to the engine. */
  private static final class ListenerFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailed(RuntimeException cause) {
      super(cause);
    }
  }
}
