package io.llmtwin.inference.model;

import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.rag.ActiveModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The engine's Micrometer meters ({@code llmtwin.inference.*}); tags are low-cardinality (outcome,
 * finish reason) except the info gauge, which carries the one version served now.
 *
 * <ul>
 *   <li>{@code llmtwin.inference.generation.tokens.per.second} (summary): decoding speed per
 *       generation;
 *   <li>{@code llmtwin.inference.generation.time.to.first.token} (timer): from a free slot to the
 *       first token;
 *   <li>{@code llmtwin.inference.generation.queue.wait} (timer): waiting for a free slot;
 *   <li>{@code llmtwin.inference.generation.tokens} (counter, tag {@code finish}): generated
 *       tokens;
 *   <li>{@code llmtwin.inference.model.info} (gauge = 1, tags {@code model}, {@code version}): the
 *       model served now;
 *   <li>{@code llmtwin.inference.model.swaps} (counter, tag {@code outcome} = success|failure):
 *       model loads/switches;
 *   <li>{@code llmtwin.inference.model.loaded} (gauge): models held in memory, including old ones
 *       still finishing their generations;
 *   <li>{@code llmtwin.inference.model.unloads} (counter): old models closed after a swap;
 *   <li>{@code llmtwin.inference.model.preparation} (timer, tag {@code source} =
 *       cache|registry|converted): getting a GGUF file for a registry version.
 * </ul>
 */
public final class InferenceMetrics {

  private final MeterRegistry registry;
  private final DistributionSummary tokensPerSecond;
  private final Timer timeToFirstToken;
  private final Timer queueWait;
  private final AtomicInteger infoValue = new AtomicInteger(1);
  private Gauge info;

  /** Registers the meters; {@code loadedModels} reports how many models are in memory. */
  public InferenceMetrics(MeterRegistry registry, IntSupplier loadedModels) {
    this.registry = registry;
    this.tokensPerSecond =
        DistributionSummary.builder("llmtwin.inference.generation.tokens.per.second")
            .description("Generated tokens per second of decoding, per generation")
            .baseUnit("tokens/s")
            .register(registry);
    this.timeToFirstToken =
        Timer.builder("llmtwin.inference.generation.time.to.first.token")
            .description("From a free generation slot to the first generated token")
            .register(registry);
    this.queueWait =
        Timer.builder("llmtwin.inference.generation.queue.wait")
            .description("Time a generation waited for a free slot")
            .register(registry);
    Gauge.builder("llmtwin.inference.model.loaded", loadedModels::getAsInt)
        .description("Models held in memory (old ones stay until their generations finish)")
        .register(registry);
  }

  /** Records a finished generation. */
  void generated(GenerationResult result) {
    queueWait.record(result.queueWait());
    if (result.tokens() > 0) {
      timeToFirstToken.record(result.timeToFirstToken());
      tokensPerSecond.record(result.tokensPerSecond());
    }
    Counter.builder("llmtwin.inference.generation.tokens")
        .description("Generated tokens")
        .tag("finish", result.finishReason().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment(result.tokens());
  }

  /** The model served now changed: moves the info gauge to its version. */
  synchronized void serving(ActiveModel model) {
    if (info != null) {
      registry.remove(info);
    }
    info =
        Gauge.builder("llmtwin.inference.model.info", infoValue, AtomicInteger::get)
            .description("The model version served now (value 1)")
            .tag("model", model.name())
            .tag("version", model.version())
            .register(registry);
  }

  /** A swap (or first load) succeeded or failed. */
  void swap(boolean success) {
    Counter.builder("llmtwin.inference.model.swaps")
        .description("Model loads and switches")
        .tag("outcome", success ? "success" : "failure")
        .register(registry)
        .increment();
  }

  /** An old model was closed after its generations finished. */
  void unloaded() {
    Counter.builder("llmtwin.inference.model.unloads")
        .description("Old models closed after a swap")
        .register(registry)
        .increment();
  }

  /** A GGUF file for a registry version was obtained from {@code source}. */
  public void prepared(String source, Duration took) {
    Timer.builder("llmtwin.inference.model.preparation")
        .description("Getting a GGUF file for a registry version (cache, download or conversion)")
        .tag("source", source)
        .register(registry)
        .record(took);
  }
}
