package io.llmtwin.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.inference.engine.Generation;
import io.llmtwin.inference.engine.GenerationRejectedException;
import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.ModelUnavailableException;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.engine.TokenListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelServingTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ModelServing serving =
      new ModelServing(
          "twin",
          new ModelServing.SmokeTest(GenerationRequest.greedy("hi", 2), Duration.ofSeconds(5)),
          meters,
          Clock.systemUTC());

  @Test
  void refusesGenerationsBeforeTheFirstModelAndReportsNone() {
    assertThat(serving.available()).isFalse();
    assertThat(serving.activeModel().version()).isEqualTo("none");
    assertThat(serving.status().state()).isEqualTo("none");
    assertThatThrownBy(() -> serving.generate(GenerationRequest.greedy("x", 1), p -> {}))
        .isInstanceOf(ModelUnavailableException.class);
  }

  @Test
  void tagsGenerationsWithTheVersionTheyRunOnAndClosesTheOldModelAfterItsWork() throws Exception {
    Fake v1 = new Fake();
    Fake v2 = new Fake();
    assertThat(serving.swapTo("v1", () -> v1)).isTrue();
    v1.hold.set(true);
    Generation running = serving.generate(GenerationRequest.greedy("x", 3), p -> {});
    assertThat(running.modelVersion()).contains("v1");

    assertThat(serving.swapTo("v2", () -> v2)).isTrue();
    assertThat(serving.activeModel().version()).isEqualTo("v2");
    assertThat(serving.generate(GenerationRequest.greedy("y", 3), p -> {}).modelVersion())
        .contains("v2");
    assertThat(serving.loadedModels()).isEqualTo(2);
    assertThat(v1.closed).isFalse();

    v1.release();
    assertThat(running.result().get(5, TimeUnit.SECONDS).finishReason())
        .isEqualTo(FinishReason.MAX_TOKENS);
    org.awaitility.Awaitility.await().until(() -> serving.loadedModels() == 1);
    assertThat(v1.closed).isTrue();
    assertThat(meters.get("llmtwin.inference.model.unloads").counter().count()).isEqualTo(1);
    assertThat(meters.get("llmtwin.inference.model.info").tag("version", "v2").gauge().value())
        .isEqualTo(1);
  }

  @Test
  void retriesOnTheNewModelWhenTheOldOneClosedUnderTheCaller() {
    Fake v1 = new Fake();
    serving.swapTo("v1", () -> v1);
    Fake v2 = new Fake();
    // v1 refuses from now on, as a closing generator does; by then v2 serves
    v1.onGenerate =
        () -> {
          if (v1.calls.get() > 1) {
            serving.swapTo("v2", () -> v2);
            throw new GenerationRejectedException("the generator is closed");
          }
        };
    Generation generation = serving.generate(GenerationRequest.greedy("x", 1), p -> {});
    assertThat(generation.modelVersion()).contains("v2");
  }

  @Test
  void keepsTheOldModelWhenTheNewOneFailsToLoadOrToSmokeGenerate() {
    Fake v1 = new Fake();
    serving.swapTo("v1", () -> v1);

    assertThat(
            serving.swapTo(
                "v2",
                () -> {
                  throw new java.io.IOException("checksum mismatch");
                }))
        .isFalse();
    assertThat(serving.activeModel().version()).isEqualTo("v1");
    assertThat(serving.status().state()).isEqualTo("degraded");
    assertThat(serving.status().failedVersion()).isEqualTo("v2");
    assertThat(serving.status().lastError()).contains("checksum mismatch");

    Fake broken = new Fake();
    broken.fail.set(true);
    assertThat(serving.swapTo("v3", () -> broken)).isFalse();
    assertThat(broken.closed).as("a model that failed its smoke test is freed").isTrue();
    assertThat(serving.status().lastError()).contains("smoke generation failed");
    assertThat(serving.loadedModels()).isEqualTo(1);
    assertThat(
            meters.get("llmtwin.inference.model.swaps").tag("outcome", "failure").counter().count())
        .isEqualTo(2);

    assertThat(serving.swapTo("v4", Fake::new)).isTrue();
    assertThat(serving.status().state()).isEqualTo("serving");
    assertThat(serving.status().lastError()).isNull();
    assertThat(new ModelHealthIndicator(serving, java.util.Map::of).health().getStatus().getCode())
        .isEqualTo("UP");
  }

  /** Completes generations at once, or when released; can fail or refuse. */
  private static final class Fake implements TextGenerator {
    final AtomicBoolean hold = new AtomicBoolean();
    final AtomicBoolean fail = new AtomicBoolean();
    final AtomicInteger calls = new AtomicInteger();
    volatile Runnable onGenerate = () -> {};
    volatile boolean closed;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    void release() {
      released.complete(null);
    }

    @Override
    public Generation generate(GenerationRequest request, TokenListener listener) {
      calls.incrementAndGet();
      onGenerate.run();
      GenerationResult done =
          new GenerationResult(
              "ok",
              request.maxTokens(),
              FinishReason.MAX_TOKENS,
              Duration.ZERO,
              Duration.ZERO,
              Duration.ofMillis(1));
      CompletableFuture<GenerationResult> result =
          fail.get()
              ? CompletableFuture.failedFuture(new IllegalStateException("native crash"))
              : hold.get()
                  ? released.thenApply(v -> done)
                  : CompletableFuture.completedFuture(done);
      return new Generation() {
        @Override
        public void cancel() {}

        @Override
        public CompletableFuture<GenerationResult> result() {
          return result;
        }
      };
    }

    @Override
    public void close() {
      if (hold.get()) {
        released.join(); // like SlottedTextGenerator: wait for running generations
      }
      closed = true;
    }
  }
}
