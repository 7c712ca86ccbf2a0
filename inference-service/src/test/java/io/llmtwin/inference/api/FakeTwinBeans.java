package io.llmtwin.inference.api;

import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.inference.engine.Generation;
import io.llmtwin.inference.engine.GenerationRejectedException;
import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.engine.TokenListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A deterministic, controllable text generator (plus the {@link FixtureFeatureStore}) for the API
 * tests that need what a real model cannot give: a saturated queue, a slow generation to cancel or
 * time out, an exact text. Every other API test serves the real tiny model of {@link
 * io.llmtwin.inference.TinyModelFixture}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(FixtureFeatureStore.class)
public class FakeTwinBeans {

  /** The pieces the fake model writes, in order, one per token (cycling). */
  public static final List<String> PIECES = List.of("Hello", " from", " the", " twin", ".");

  @Bean
  FakeGenerator fakeGenerator() {
    return new FakeGenerator();
  }

  /** The text the fake model writes for {@code tokens} tokens. */
  public static String expectedText(int tokens) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      out.append(PIECES.get(i % PIECES.size()));
    }
    return out.toString();
  }

  /** Writes {@link #PIECES} up to {@code maxTokens}; can be saturated or slowed down. */
  public static final class FakeGenerator implements TextGenerator {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** When set, every call is rejected as if the queue were full. */
    public final AtomicBoolean saturated = new AtomicBoolean();

    /** Pause between tokens (zero by default). */
    public final AtomicReference<Duration> tokenDelay = new AtomicReference<>(Duration.ZERO);

    /** The last prompt seen. */
    public final AtomicReference<String> lastPrompt = new AtomicReference<>();

    /** The finish reason of the last generation (null while running). */
    public final AtomicReference<FinishReason> lastFinish = new AtomicReference<>();

    /** Back to a free queue and no delay between tokens. */
    public void reset() {
      saturated.set(false);
      tokenDelay.set(Duration.ZERO);
    }

    @Override
    public Generation generate(GenerationRequest request, TokenListener listener) {
      if (saturated.get()) {
        throw new GenerationRejectedException("queue full");
      }
      lastPrompt.set(request.prompt());
      lastFinish.set(null);
      AtomicBoolean cancelled = new AtomicBoolean();
      CompletableFuture<GenerationResult> result = new CompletableFuture<>();
      threads.execute(
          () -> {
            StringBuilder text = new StringBuilder();
            int tokens = 0;
            FinishReason reason = FinishReason.MAX_TOKENS;
            while (tokens < request.maxTokens()) {
              if (cancelled.get()) {
                reason = FinishReason.CANCELLED;
                break;
              }
              String piece = PIECES.get(tokens % PIECES.size());
              try {
                listener.onText(piece);
              } catch (RuntimeException e) {
                reason = FinishReason.CANCELLED;
                break;
              }
              text.append(piece);
              tokens++;
              LockSupport.parkNanos(tokenDelay.get().toNanos());
            }
            lastFinish.set(reason);
            result.complete(
                new GenerationResult(
                    text.toString(),
                    tokens,
                    reason,
                    Duration.ZERO,
                    Duration.ofMillis(1),
                    Duration.ofMillis(2)));
          });
      return new Generation() {
        @Override
        public void cancel() {
          cancelled.set(true);
        }

        @Override
        public CompletableFuture<GenerationResult> result() {
          return result;
        }
      };
    }

    @Override
    public void close() {
      threads.shutdownNow();
      try {
        threads.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
