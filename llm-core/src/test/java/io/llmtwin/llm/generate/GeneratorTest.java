package io.llmtwin.llm.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

  @TempDir Path dir;

  @Test
  void greedyGenerationWithCacheEqualsFullRecomputation() {
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 9);
    long[] prompt = {1, 40, 41, 42};
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      long[] cached = new Generator(model).generate(prompt, SamplingOptions.greedy(12, Set.of()));
      long[] seq = prompt.clone();
      long[] recomputed = new long[12];
      for (int i = 0; i < 12; i++) {
        float[] last =
            model
                .forward(LlamaModel.ids(m, new long[][] {seq}), false)
                .get(new NDIndex(0, seq.length - 1))
                .toFloatArray();
        recomputed[i] = Generator.pick(last, SamplingOptions.greedy(1, Set.of()), new Random());
        seq = Arrays.copyOf(seq, seq.length + 1);
        seq[seq.length - 1] = recomputed[i];
      }
      assertThat(cached).containsExactly(recomputed);
    }
  }

  @Test
  void stopsAtStopTokenAndRespectsMaxTokens() {
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 9);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      Generator g = new Generator(model);
      long[] free = g.generate(new long[] {1, 40}, SamplingOptions.greedy(6, Set.of()));
      assertThat(free).hasSize(6);
      long[] stopped = g.generate(new long[] {1, 40}, SamplingOptions.greedy(6, Set.of(free[2])));
      assertThat(stopped)
          .containsExactly(Arrays.copyOf(free, Arrays.asList(box(free)).indexOf(free[2])));
    }
  }

  @Test
  void samplingIsSeededAndTopPNarrowsTheChoice() {
    float[] logits = {5f, 4.9f, 0f, -1f, -2f};
    SamplingOptions nucleus = new SamplingOptions(1, 1.0, 0.5, Set.of(), 1);
    Random r = new Random(3);
    for (int i = 0; i < 200; i++) {
      assertThat(Generator.pick(logits, nucleus, r)).isIn(0L, 1L);
    }
    SamplingOptions hot = new SamplingOptions(1, 5.0, 1.0, Set.of(), 1);
    long[] counts = new long[5];
    Random r2 = new Random(4);
    for (int i = 0; i < 2000; i++) {
      counts[(int) Generator.pick(logits, hot, r2)]++;
    }
    assertThat(counts[4]).isGreaterThan(50);
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 9);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m);
        LlmTokenizer tok = LlmTokenizer.load(ckpt)) {
      Generator g = new Generator(model);
      SamplingOptions o = new SamplingOptions(8, 0.9, 0.95, Set.of(), 42);
      String a = g.generate(tok, "tell me about java", TinyLlamaCheckpoints.BOS, o);
      String b = g.generate(tok, "tell me about java", TinyLlamaCheckpoints.BOS, o);
      assertThat(a).isEqualTo(b).isNotBlank();
    }
  }

  private static Long[] box(long[] a) {
    return Arrays.stream(a).boxed().toArray(Long[]::new);
  }
}
