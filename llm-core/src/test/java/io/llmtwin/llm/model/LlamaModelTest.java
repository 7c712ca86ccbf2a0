package io.llmtwin.llm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.RopeScaling;
import io.llmtwin.llm.checkpoint.WeightStore;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LlamaModelTest {

  @TempDir Path dir;

  static Stream<LlamaConfig> configs() {
    LlamaConfig base = TinyLlamaCheckpoints.tinyConfig();
    return Stream.of(
        base,
        base.withTiedEmbeddings(true).withRopeScaling(RopeScaling.llama3(8, 1, 4, 16)),
        base.asQwen2().withRopeScaling(RopeScaling.linear(2)),
        new LlamaConfig(
            "llama",
            128,
            48,
            96,
            2,
            4,
            4,
            12,
            1e-6,
            500000,
            RopeScaling.NONE,
            false,
            true,
            true,
            512,
            1,
            java.util.List.of(2)));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void engineLogitsMatchDoublePrecisionReference(LlamaConfig config) {
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, config, 11);
    Map<String, HostTensor> weights = readAll(ckpt);
    long[] ids = {1, 20, 35, 7, 99, 42, 3, 64, 5, 120, 17, 8};
    double[][] want = new ReferenceLlama(config, weights).logits(ids);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      NDArray logits = model.forward(LlamaModel.ids(m, new long[][] {ids}), false);
      assertThat(logits.getShape().getShape()).containsExactly(1, ids.length, config.vocabSize());
      float[] got = logits.toFloatArray();
      double maxAbs = 0;
      double maxErr = 0;
      for (int t = 0; t < ids.length; t++) {
        for (int v = 0; v < config.vocabSize(); v++) {
          maxAbs = Math.max(maxAbs, Math.abs(want[t][v]));
          maxErr = Math.max(maxErr, Math.abs(want[t][v] - got[t * config.vocabSize() + v]));
        }
      }
      System.out.printf(
          "reference vs engine (%s, tied=%s, rope=%s): max|diff|/max|logit| = %.2e%n",
          config.modelType(),
          config.tieWordEmbeddings(),
          config.ropeScaling().type(),
          maxErr / maxAbs);
      assertThat(maxAbs).isGreaterThan(0.1);
      assertThat(maxErr / maxAbs).isLessThanOrEqualTo(1e-4);
    }
  }

  @Test
  void batchedForwardEqualsRowByRow() {
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 2);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      long[][] rows = {{1, 5, 9, 13}, {1, 44, 45, 46}};
      float[] both = model.forward(LlamaModel.ids(m, rows), false).toFloatArray();
      float[] second =
          model.forward(LlamaModel.ids(m, new long[][] {rows[1]}), false).toFloatArray();
      for (int i = 0; i < second.length; i++) {
        assertThat(both[second.length + i])
            .isCloseTo(second[i], org.assertj.core.data.Offset.offset(1e-5f));
      }
    }
  }

  @Test
  void cachedIncrementalLogitsEqualFullRecomputation() {
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 4);
    long[] ids = {1, 30, 31, 32, 33, 34, 35};
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m);
        KvCache cache = model.newCache()) {
      float[] full = model.forward(LlamaModel.ids(m, new long[][] {ids}), false).toFloatArray();
      int v = ckpt.config().vocabSize();
      model.forward(LlamaModel.ids(m, new long[][] {{ids[0], ids[1], ids[2]}}), cache, false);
      for (int t = 3; t < ids.length; t++) {
        float[] step =
            model.forward(LlamaModel.ids(m, new long[][] {{ids[t]}}), cache, false).toFloatArray();
        for (int j = 0; j < v; j++) {
          assertThat(step[j])
              .isCloseTo(full[t * v + j], org.assertj.core.data.Offset.offset(1e-4f));
        }
      }
      assertThat(cache.length()).isEqualTo(ids.length);
    }
  }

  @Test
  void rejectsCheckpointWhoseShapesDisagreeWithConfig() {
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 1);
    LlamaConfig wrong =
        LlamaConfig.llama(TinyLlamaCheckpoints.tinyConfig().vocabSize(), 64, 96, 2, 4, 2);
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> LlamaModel.fromWeights(wrong, readAll(ckpt), m))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining("mlp.gate_proj.weight");
    }
  }

  static Map<String, HostTensor> readAll(HfCheckpoint ckpt) {
    Map<String, HostTensor> w = new LinkedHashMap<>();
    try (WeightStore s = ckpt.weights()) {
      s.names().forEach(n -> w.put(n, s.read(n)));
    }
    return w;
  }
}
