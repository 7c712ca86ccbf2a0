package io.llmtwin.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlottedTextGeneratorTest {

  /** A scripted engine: fixed pieces, or endless "x" pieces; optionally blocks until released. */
  static final class FakeEngine implements TokenStream.Engine {
    final List<String> pieces;
    final CountDownLatch release;
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();

    FakeEngine(List<String> pieces, CountDownLatch release) {
      this.pieces = pieces;
      this.release = release;
    }

    @Override
    public TokenStream open(GenerationRequest request) {
      opened.incrementAndGet();
      return new TokenStream() {
        int index;
        boolean cancelled;

        @Override
        public boolean hasNext() {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
          return !cancelled && (pieces == null || index < pieces.size());
        }

        @Override
        public String next() {
          return pieces == null ? "x" + index++ : pieces.get(index++);
        }

        @Override
        public void cancel() {
          cancelled = true;
          cancels.incrementAndGet();
        }
      };
    }
  }

  private static FakeEngine scripted(String... pieces) {
    return new FakeEngine(List.of(pieces), new CountDownLatch(0));
  }

  private static FakeEngine endless() {
    return new FakeEngine(null, new CountDownLatch(0));
  }

  @Test
  void streamsPiecesAndCutsAtAStopSequenceSpanningPieces() throws Exception {
    List<String> streamed = new CopyOnWriteArrayList<>();
    try (SlottedTextGenerator generator =
        new SlottedTextGenerator(scripted("Hel", "lo ", "wor", "ld"), 1, 1, "t")) {
      GenerationResult result =
          generator
              .generate(GenerationRequest.greedy("p", 10).withStopSequences("o wo"), streamed::add)
              .await();
      assertThat(result.text()).isEqualTo("Hell");
      assertThat(String.join("", streamed)).isEqualTo("Hell");
      assertThat(result.finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
      assertThat(result.tokens()).isEqualTo(3);
    }
  }

  @Test
  void releasesHeldBackTextWhenNoStopSequenceFollows() throws Exception {
    List<String> streamed = new CopyOnWriteArrayList<>();
    try (SlottedTextGenerator generator =
        new SlottedTextGenerator(scripted("ab", "c"), 1, 1, "t")) {
      GenerationResult result =
          generator
              .generate(GenerationRequest.greedy("p", 10).withStopSequences("cd"), streamed::add)
              .await();
      assertThat(streamed).containsExactly("ab", "c");
      assertThat(result.text()).isEqualTo("abc");
      assertThat(result.finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
    }
  }

  @Test
  void stopsAtMaxTokensAndFreesTheEngineSequence() throws Exception {
    FakeEngine engine = endless();
    try (SlottedTextGenerator generator = new SlottedTextGenerator(engine, 1, 1, "t")) {
      GenerationResult result = generator.complete(GenerationRequest.greedy("p", 5));
      assertThat(result.tokens()).isEqualTo(5);
      assertThat(result.text()).isEqualTo("x0x1x2x3x4");
      assertThat(result.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
      assertThat(engine.cancels).hasValue(1);
    }
  }

  @Test
  void rejectsWorkWhenAllSlotsAndQueuePlacesAreTaken() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeEngine engine = new FakeEngine(List.of("a"), release);
    try (SlottedTextGenerator generator = new SlottedTextGenerator(engine, 1, 1, "t")) {
      Generation running = generator.generate(GenerationRequest.greedy("1", 4), p -> {});
      await().atMost(Duration.ofSeconds(5)).until(() -> engine.opened.get() == 1);
      Generation queued = generator.generate(GenerationRequest.greedy("2", 4), p -> {});
      assertThat(generator.queued()).isEqualTo(1);
      assertThatThrownBy(() -> generator.generate(GenerationRequest.greedy("3", 4), p -> {}))
          .isInstanceOf(GenerationRejectedException.class)
          .hasMessageContaining("busy");
      release.countDown();
      assertThat(running.await().text()).isEqualTo("a");
      assertThat(queued.await().text()).isEqualTo("a");
      assertThat(queued.await().queueWait()).isPositive();
    }
  }

  @Test
  void cancellingARunningGenerationStopsItAndFreesTheSlot() throws Exception {
    FakeEngine engine = endless();
    try (SlottedTextGenerator generator = new SlottedTextGenerator(engine, 1, 0, "t")) {
      AtomicInteger seen = new AtomicInteger();
      Generation[] self = new Generation[1];
      CountDownLatch started = new CountDownLatch(1);
      self[0] =
          generator.generate(
              GenerationRequest.greedy("p", 1_000_000),
              piece -> {
                if (seen.incrementAndGet() == 3) {
                  try {
                    started.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  self[0].cancel();
                }
              });
      started.countDown();
      GenerationResult result = self[0].await();
      assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(result.tokens()).isEqualTo(3);
      assertThat(engine.cancels).hasValue(1);
      assertThat(generator.complete(GenerationRequest.greedy("next", 2)).tokens()).isEqualTo(2);
    }
  }

  @Test
  void aGenerationCancelledWhileQueuedNeverReachesTheEngine() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeEngine engine = new FakeEngine(List.of("a"), release);
    try (SlottedTextGenerator generator = new SlottedTextGenerator(engine, 1, 1, "t")) {
      Generation first = generator.generate(GenerationRequest.greedy("1", 4), p -> {});
      await().atMost(Duration.ofSeconds(5)).until(() -> engine.opened.get() == 1);
      Generation queued = generator.generate(GenerationRequest.greedy("2", 4), p -> {});
      queued.cancel();
      release.countDown();
      first.await();
      assertThat(queued.await().finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(engine.opened).hasValue(1);
    }
  }

  @Test
  void aListenerThatFailsCancelsItsGeneration() throws Exception {
    FakeEngine engine = endless();
    try (SlottedTextGenerator generator = new SlottedTextGenerator(engine, 1, 0, "t")) {
      AtomicInteger calls = new AtomicInteger();
      GenerationResult result =
          generator
              .generate(
                  GenerationRequest.greedy("p", 100),
                  piece -> {
                    if (calls.incrementAndGet() == 2) {
                      throw new IllegalStateException("client went away");
                    }
                  })
              .await();
      assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(engine.cancels).hasValue(1);
    }
  }

  @Test
  void anEngineFailureFailsTheGenerationWithTheReason() {
    TokenStream.Engine broken =
        request -> {
          throw new IllegalStateException("decode failed");
        };
    try (SlottedTextGenerator generator = new SlottedTextGenerator(broken, 1, 0, "t")) {
      assertThatThrownBy(() -> generator.complete(GenerationRequest.greedy("p", 3)))
          .isInstanceOf(GenerationFailedException.class)
          .hasMessageContaining("decode failed");
    }
  }

  @Test
  void aCallerWhoseGenerationFinishedCanStartTheNextOneAtOnce() throws Exception {
    try (SlottedTextGenerator generator = new SlottedTextGenerator(scripted("a"), 1, 0, "t")) {
      for (int i = 0; i < 200; i++) {
        assertThat(generator.complete(GenerationRequest.greedy("p", 1)).text()).isEqualTo("a");
      }
    }
  }

  @Test
  void rejectsWorkAfterClose() {
    SlottedTextGenerator generator = new SlottedTextGenerator(endless(), 1, 0, "t");
    generator.close();
    assertThatThrownBy(() -> generator.generate(GenerationRequest.greedy("p", 1), p -> {}))
        .isInstanceOf(GenerationRejectedException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void validatesRequests() {
    assertThatThrownBy(() -> GenerationRequest.greedy("p", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenerationRequest.greedy("p", 1).sampled(-1, 0.9, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenerationRequest.greedy("p", 1).sampled(0.7, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenerationRequest.greedy("p", 1).withStopSequences(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
