package io.llmtwin.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.inference.gguf.GgufFileType;
import io.llmtwin.inference.gguf.TinyLlama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LlamaCppTextGenerator} on a tiny generated Llama converted to Q8_0 (the default). */
class LlamaCppTextGeneratorIT {

  private static final String PROMPT = "the cat sat on";

  @TempDir static Path tmp;
  static Path gguf;
  static LlamaCppTextGenerator generator;

  @BeforeAll
  static void load() throws Exception {
    gguf = new TinyLlama(42).toGguf(tmp, GgufFileType.Q8_0);
    generator =
        new LlamaCppTextGenerator(
            LlamaCppOptions.forModel(gguf).withSlots(2, 4).withContextPerSlot(256));
  }

  @AfterAll
  static void close() {
    generator.close();
  }

  @Test
  void streamsPiecesThatAddUpToTheResultAndGreedyIsRepeatable() throws Exception {
    List<String> pieces = new CopyOnWriteArrayList<>();
    GenerationResult first =
        generator.generate(GenerationRequest.greedy(PROMPT, 24), pieces::add).await();
    GenerationResult second = generator.complete(GenerationRequest.greedy(PROMPT, 24));
    assertThat(String.join("", pieces)).isEqualTo(first.text());
    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(first.timeToFirstToken()).isPositive();
    assertThat(first.tokensPerSecond()).isPositive();
  }

  @Test
  void theSameSeedSamplesTheSameText() throws Exception {
    GenerationRequest request = GenerationRequest.greedy(PROMPT, 24).sampled(1.0, 0.95, 1234);
    String a = generator.complete(request).text();
    String b = generator.complete(request).text();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void endsBeforeTheFirstStopSequence() throws Exception {
    String full = generator.complete(GenerationRequest.greedy(PROMPT, 24)).text();
    assertThat(full.length()).as("test premise").isGreaterThan(10);
    String stop = full.substring(6, 9);
    GenerationResult stopped =
        generator.complete(GenerationRequest.greedy(PROMPT, 24).withStopSequences(stop));
    assertThat(stopped.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
    assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
  }

  @Test
  void aCancelledGenerationStopsEarlyAndLeavesTheEngineUsable() throws Exception {
    AtomicInteger pieces = new AtomicInteger();
    Generation[] self = new Generation[1];
    synchronized (self) {
      self[0] =
          generator.generate(
              GenerationRequest.greedy(PROMPT, 200),
              piece -> {
                if (pieces.incrementAndGet() == 2) {
                  synchronized (self) {
                    self[0].cancel();
                  }
                }
              });
    }
    GenerationResult result = self[0].await();
    assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(result.tokens()).isLessThan(200);
    assertThat(generator.complete(GenerationRequest.greedy(PROMPT, 8)).tokens()).isPositive();
  }

  @Test
  void concurrentGenerationsShareTheSlotsAndAllFinish() throws Exception {
    List<Generation> running = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      running.add(generator.generate(GenerationRequest.greedy(PROMPT + " " + i, 16), p -> {}));
    }
    for (Generation g : running) {
      GenerationResult r = g.await();
      assertThat(r.finishReason()).isIn(FinishReason.MAX_TOKENS, FinishReason.END_OF_SEQUENCE);
      assertThat(r.tokens()).isPositive();
    }
  }

  @Test
  void aMissingOrCorruptModelFailsToLoadWithTheReason() throws Exception {
    assertThatThrownBy(
            () -> new LlamaCppTextGenerator(LlamaCppOptions.forModel(tmp.resolve("none.gguf"))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not found");
    Path corrupt = tmp.resolve("corrupt.gguf");
    byte[] bytes = Files.readAllBytes(gguf);
    Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    assertThatThrownBy(() -> new LlamaCppTextGenerator(LlamaCppOptions.forModel(corrupt)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("could not load");
  }
}
