package io.llmtwin.llm.qlora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.lora.LoraAdapters;
import io.llmtwin.llm.lora.LoraConfig;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.testing.InstructionFixtures;
import io.llmtwin.llm.train.Trainer;
import io.llmtwin.llm.train.TrainingExample;
import io.llmtwin.llm.train.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QLoraTrainingTest {

  @TempDir Path dir;

  @Test
  void qloraTrainingOnNf4BaseLowersHeldOutLossAndKeepsCodesUnchanged() {
    HfCheckpoint ckpt = InstructionFixtures.checkpoint(dir.resolve("base"));
    List<List<TrainingExample>> split = InstructionFixtures.split(ckpt);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      double fp32Loss = Trainer.evaluate(model, split.get(1), 8);
      QLora.Footprint footprint = QLora.quantize(model, true);
      double nf4Loss = Trainer.evaluate(model, split.get(1), 8);
      Map<String, byte[]> before = bytes(model);
      LoraAdapters.attach(model, LoraConfig.of(8, 16, 0.05), 1);
      TrainingResult r =
          new Trainer(model, InstructionFixtures.trainingConfig(60))
              .train(split.get(0), split.get(1), p -> {});
      double after = Trainer.evaluate(model, split.get(1), 8);
      System.out.printf(
          "QLoRA: frozen projections %d B fp32 -> %d B NF4 (%.1f%%); held-out loss fp32 base %.4f,"
              + " NF4 base %.4f -> trained %.4f (%.1f%% lower), %.0f tokens/s%n",
          footprint.fp32Bytes(),
          footprint.nf4Bytes(),
          100.0 * footprint.nf4Bytes() / footprint.fp32Bytes(),
          fp32Loss,
          nf4Loss,
          after,
          100 * (1 - after / nf4Loss),
          r.tokensPerSecond());
      assertThat(Math.abs(nf4Loss - fp32Loss)).isLessThan(0.1 * fp32Loss);
      assertThat((double) footprint.nf4Bytes() / footprint.fp32Bytes()).isLessThan(0.15);
      assertThat(after).isLessThanOrEqualTo(0.7 * nf4Loss);
      Map<String, byte[]> afterBytes = bytes(model);
      assertThat(afterBytes.keySet()).isEqualTo(before.keySet());
      before.forEach((k, v) -> assertThat(afterBytes.get(k)).as(k).isEqualTo(v));
    }
  }

  private static Map<String, byte[]> bytes(LlamaModel model) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    model.baseArrays().forEach((k, v) -> m.put(k, v.toByteArray()));
    return m;
  }
}
