package io.llmtwin.inference.model;

import io.llmtwin.inference.engine.Generation;
import io.llmtwin.inference.engine.GenerationRejectedException;
import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.ModelUnavailableException;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.engine.TokenListener;
import io.llmtwin.inference.rag.ActiveModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TextGenerator} the service generates with: one loaded model at a time, replaced
 * atomically by {@link #swapTo}.
 *
 * <p>A swap loads the new model next to the old one, smoke-generates a few tokens with it and only
 * then switches: new generations go to the new model at once, generations already running or queued
 * on the old model finish there, and the old model is closed (its native memory freed) in the
 * background afterwards. A new model that fails to load or to smoke-generate is closed and the old
 * one keeps serving; {@link #status()} then says {@code degraded} with the reason. Each generation
 * is tagged with the version it runs on ({@link Generation#modelVersion()}).
 */
public final class ModelServing implements TextGenerator {

  private static final Logger log = LoggerFactory.getLogger(ModelServing.class);

  /** Loads a model; throws when it cannot. */
  @FunctionalInterface
  public interface Loader {
    /** Prepares and loads the model. */
    TextGenerator load() throws Exception;
  }

  private record Served(ActiveModel model, TextGenerator generator) {}

  private final String name;
  private final SmokeTest smoke;
  private final Clock clock;
  private final InferenceMetrics metrics;
  private final AtomicReference<Served> current = new AtomicReference<>();
  private final AtomicInteger loaded = new AtomicInteger();
  private final ExecutorService retirer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "model-retire");
            t.setDaemon(true);
            return t;
          });
  private volatile ModelStatus status = ModelStatus.NONE;

  /**
   * @param name the model name reported to clients
   * @param smoke the generation a new model must complete before it serves
   */
  public ModelServing(String name, SmokeTest smoke, MeterRegistry meters, Clock clock) {
    this.name = name;
    this.smoke = smoke;
    this.clock = clock;
    this.metrics = new InferenceMetrics(meters, loaded::get);
  }

  /** The generation a new model must complete within a time limit before it serves. */
  public record SmokeTest(GenerationRequest request, Duration timeout) {
    /** Four greedy tokens after a short prompt, within a minute. */
    public static SmokeTest defaults() {
      return new SmokeTest(GenerationRequest.greedy("Hello", 4), Duration.ofMinutes(1));
    }
  }

  /** The meters, for the parts that prepare models. */
  public InferenceMetrics metrics() {
    return metrics;
  }

  /** The model served now; version {@code none} before the first load. */
  public ActiveModel activeModel() {
    Served served = current.get();
    return served == null ? new ActiveModel(name, "none") : served.model();
  }

  /** What is served, loading or failed. */
  public ModelStatus status() {
    return status;
  }

  /** Models in memory now: the served one plus old ones still finishing generations. */
  public int loadedModels() {
    return loaded.get();
  }

  /**
   * Loads {@code version} with {@code loader}, smoke-tests it and makes it the served model. On
   * failure the previous model keeps serving and the failure is recorded in {@link #status()}.
   *
   * @return whether the new version serves now
   */
  public synchronized boolean swapTo(String version, Loader loader) {
    status = status.withLoading(version);
    long start = System.nanoTime();
    TextGenerator generator = null;
    try {
      generator = loader.load();
      loaded.incrementAndGet();
      smokeTest(generator);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (generator != null) {
        closeQuietly(generator);
        loaded.decrementAndGet();
      }
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      status = status.failed(version, reason, clock.instant());
      metrics.swap(false);
      Served served = current.get();
      log.warn(
          "model {} {} could not be loaded; {}: {}",
          name,
          version,
          served == null ? "no model serves" : "still serving " + served.model().version(),
          reason);
      return false;
    }
    ActiveModel model = new ActiveModel(name, version);
    Served old = current.getAndSet(new Served(model, generator));
    status = status.served(model, clock.instant());
    metrics.swap(true);
    metrics.serving(model);
    log.info(
        "model {} {} serves now (loaded in {} ms){}",
        name,
        version,
        (System.nanoTime() - start) / 1_000_000,
        old == null ? "" : "; retiring " + old.model().version());
    if (old != null) {
      retireLater(old);
    }
    return true;
  }

  private void smokeTest(TextGenerator generator) throws Exception {
    CompletableFuture<GenerationResult> result =
        generator.generate(smoke.request(), piece -> {}).result();
    try {
      result.get(smoke.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("smoke generation failed: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("smoke generation took longer than " + smoke.timeout(), e);
    }
  }

  private void retireLater(Served old) {
    try {
      retirer.execute(() -> retire(old));
    } catch (RejectedExecutionException e) {
      retire(old); // shutting down
    }
  }

  private void retire(Served old) {
    // close() stops new work, lets running and queued generations finish, then frees the model
    closeQuietly(old.generator());
    loaded.decrementAndGet();
    metrics.unloaded();
    log.info("model {} {} closed", name, old.model().version());
  }

  private static void closeQuietly(TextGenerator generator) {
    try {
      generator.close();
    } catch (RuntimeException e) {
      log.warn("closing a model failed: {}", e.toString());
    }
  }

  @Override
  public boolean available() {
    return current.get() != null;
  }

  @Override
  public OptionalInt countTokens(String text) {
    Served served = current.get();
    return served == null ? OptionalInt.empty() : served.generator().countTokens(text);
  }

  @Override
  public Generation generate(GenerationRequest request, TokenListener listener) {
    while (true) {
      Served served = current.get();
      if (served == null) {
        throw new ModelUnavailableException("no model is loaded yet");
      }
      Generation generation;
      try {
        generation = served.generator().generate(request, listener);
      } catch (GenerationRejectedException e) {
        if (current.get() != served) {
          continue; // swapped while we called the old model, which no longer takes work
        }
        throw e;
      }
      generation.result().thenAccept(metrics::generated);
      return new ServedGeneration(generation, served.model().version());
    }
  }

  /** Closes the served model (after its generations finish) and waits for retiring ones. */
  @Override
  public void close() {
    Served served = current.getAndSet(null);
    if (served != null) {
      retireLater(served);
    }
    retirer.shutdown();
    try {
      if (!retirer.awaitTermination(6, TimeUnit.MINUTES)) {
        log.warn("models still closing after 6 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record ServedGeneration(Generation delegate, String version) implements Generation {
    @Override
    public void cancel() {
      delegate.cancel();
    }

    @Override
    public CompletableFuture<GenerationResult> result() {
      return delegate.result();
    }

    @Override
    public Optional<String> modelVersion() {
      return Optional.of(version);
    }
  }
}
