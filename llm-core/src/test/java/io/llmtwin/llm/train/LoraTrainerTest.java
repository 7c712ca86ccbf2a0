package io.llmtwin.llm.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.lora.LoraAdapters;
import io.llmtwin.llm.lora.LoraConfig;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.testing.InstructionFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraTrainerTest {

  @TempDir Path dir;

  @Test
  void loraTrainingLowersHeldOutLossAndLeavesBaseWeightsBitIdentical() {
    HfCheckpoint ckpt = InstructionFixtures.checkpoint(dir.resolve("base"));
    List<List<TrainingExample>> split = InstructionFixtures.split(ckpt);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      Map<String, float[]> before = snapshot(model.baseArrays());
      LoraAdapters lora = LoraAdapters.attach(model, LoraConfig.of(8, 16, 0.05), 1);
      double initial = Trainer.evaluate(model, split.get(1), 8);
      List<TrainingProgress> progress = new ArrayList<>();
      TrainingResult result =
          new Trainer(model, InstructionFixtures.trainingConfig(60))
              .train(split.get(0), split.get(1), progress::add);
      double after = Trainer.evaluate(model, split.get(1), 8);
      System.out.printf(
          "LoRA held-out loss %.4f -> %.4f (%.1f%% lower), %d adapter params, %.0f tokens/s%n",
          initial,
          after,
          100 * (1 - after / initial),
          lora.parameterCount(),
          result.tokensPerSecond());
      assertThat(after).isLessThanOrEqualTo(0.7 * initial);
      assertThat(result.evalLosses()).hasSize(6);
      assertThat(progress).hasSize(60);
      assertThat(progress.get(59).step()).isEqualTo(60);
      assertThat(progress.get(10).tokensPerSecond()).isPositive();
      assertThat(progress.get(9).evalLoss()).isFinite();
      assertThat(progress.get(8).evalLoss()).isNaN();
      Map<String, float[]> afterWeights = snapshot(model.baseArrays());
      assertThat(afterWeights.keySet()).isEqualTo(before.keySet());
      before.forEach((k, v) -> assertThat(afterWeights.get(k)).as(k).containsExactly(v));
    }
  }

  @Test
  void sameSeedRepeatsExactlyAndResumeContinuesAsIfUninterrupted() {
    HfCheckpoint ckpt = InstructionFixtures.checkpoint(dir.resolve("base"));
    List<List<TrainingExample>> split = InstructionFixtures.split(ckpt);
    TrainingConfig config = InstructionFixtures.trainingConfig(8).withSteps(8, 0, 0);
    List<Double> straight = run(ckpt, config, split, 8).trainLosses();
    List<Double> again = run(ckpt, config, split, 8).trainLosses();
    assertThat(again).containsExactlyElementsOf(straight);

    TrainingConfig ckptConfig = config.withCheckpoints(dir.resolve("run"), 4);
    List<Double> first = run(ckpt, ckptConfig.withSteps(4, 0, 0), split, 4).trainLosses();
    TrainingResult resumed = run(ckpt, ckptConfig, split, 8);
    assertThat(resumed.steps()).isEqualTo(8);
    List<Double> joined = new ArrayList<>(first);
    joined.addAll(resumed.trainLosses());
    assertThat(joined).hasSize(8);
    for (int i = 0; i < 8; i++) {
      assertThat(joined.get(i))
          .isCloseTo(straight.get(i), org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void trainsAndResumesOnAThreadOtherThanTheOneThatStartedTheEngine() throws Exception {
    HfCheckpoint ckpt = InstructionFixtures.checkpoint(dir.resolve("base"));
    List<List<TrainingExample>> split = InstructionFixtures.split(ckpt);
    TrainingConfig config =
        InstructionFixtures.trainingConfig(4)
            .withSteps(4, 2, 0)
            .withCheckpoints(dir.resolve("run"), 2);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      LoraAdapters.attach(model, LoraConfig.of(4, 8, 0), 1);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        TrainingResult first =
            pool.submit(
                    () ->
                        new Trainer(model, config.withSteps(2, 2, 0))
                            .train(split.get(0), split.get(1), p -> {}))
                .get();
        assertThat(first.trainLosses()).hasSize(2).allSatisfy(l -> assertThat(l).isFinite());
      } finally {
        pool.shutdown();
      }
      java.util.concurrent.ExecutorService other =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        TrainingResult resumed =
            other
                .submit(() -> new Trainer(model, config).train(split.get(0), split.get(1), p -> {}))
                .get();
        assertThat(resumed.steps()).isEqualTo(4);
        assertThat(resumed.evalLosses()).allSatisfy(l -> assertThat(l).isFinite());
      } finally {
        other.shutdown();
      }
    }
  }

  @Test
  void stopsEarlyWhenHeldOutLossStopsImproving() {
    HfCheckpoint ckpt = InstructionFixtures.checkpoint(dir.resolve("base"));
    List<List<TrainingExample>> split = InstructionFixtures.split(ckpt);
    TrainingConfig frozen =
        new TrainingConfig(
            50,
            4,
            2,
            1e-12,
            0,
            0,
            TrainingConfig.Schedule.CONSTANT,
            1.0,
            3,
            2,
            2,
            0,
            java.util.Optional.empty());
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      LoraAdapters.attach(model, LoraConfig.of(4, 8, 0), 1);
      TrainingResult r = new Trainer(model, frozen).train(split.get(0), split.get(1), p -> {});
      assertThat(r.stoppedEarly()).isTrue();
      assertThat(r.steps()).isEqualTo(6);
    }
  }

  @Test
  void schedulesWarmUpThenDecay() {
    TrainingConfig c =
        new TrainingConfig(
            100,
            1,
            1,
            1.0,
            0,
            10,
            TrainingConfig.Schedule.COSINE,
            0,
            1,
            0,
            0,
            0,
            java.util.Optional.empty());
    assertThat(c.learningRateAt(0)).isEqualTo(0.1);
    assertThat(c.learningRateAt(9)).isEqualTo(1.0);
    assertThat(c.learningRateAt(55)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.learningRateAt(99)).isLessThan(0.01);
    TrainingConfig lin =
        new TrainingConfig(
            20,
            1,
            1,
            1.0,
            0,
            0,
            TrainingConfig.Schedule.LINEAR,
            0,
            1,
            0,
            0,
            0,
            java.util.Optional.empty());
    assertThat(lin.learningRateAt(10)).isEqualTo(0.5);
  }

  private static TrainingResult run(
      HfCheckpoint ckpt, TrainingConfig config, List<List<TrainingExample>> split, int steps) {
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      LoraAdapters.attach(model, LoraConfig.of(8, 16, 0.1), 1);
      return new Trainer(model, config.withSteps(steps, 0, 0))
          .train(split.get(0), List.of(), p -> {});
    }
  }

  static Map<String, float[]> snapshot(Map<String, NDArray> arrays) {
    Map<String, float[]> m = new LinkedHashMap<>();
    arrays.forEach((k, v) -> m.put(k, v.toFloatArray()));
    return m;
  }
}
