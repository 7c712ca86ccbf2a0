package io.llmtwin.llm.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.checkpoint.WeightStore;
import io.llmtwin.llm.lora.LoraAdapters;
import io.llmtwin.llm.lora.LoraConfig;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.qlora.QLora;
import io.llmtwin.llm.testing.InstructionFixtures;
import io.llmtwin.llm.train.Trainer;
import io.llmtwin.llm.train.TrainingExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportRoundTripTest {

  @TempDir Path dir;

  @Test
  void peftAdapterAndMergedCheckpointReproduceTheTrainedLoss() throws Exception {
    HfCheckpoint base = InstructionFixtures.checkpoint(dir.resolve("base"));
    List<List<TrainingExample>> split = InstructionFixtures.split(base);
    double trained;
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(base, m)) {
      LoraAdapters lora = LoraAdapters.attach(model, LoraConfig.of(8, 16, 0.05), 1);
      new Trainer(model, InstructionFixtures.trainingConfig(20))
          .train(split.get(0), List.of(), p -> {});
      trained = Trainer.evaluate(model, split.get(1), 8);
      PeftAdapter.save(dir.resolve("adapter"), lora, "tiny-llama");
      MergedExport.write(dir.resolve("merged"), model, base, TensorDType.F32);
    }
    String config = Files.readString(dir.resolve("adapter/adapter_config.json"));
    assertThat(config)
        .contains(
            "\"peft_type\" : \"LORA\"",
            "\"task_type\" : \"CAUSAL_LM\"",
            "\"r\" : 8",
            "\"lora_alpha\" : 16.0",
            "\"target_modules\" : [ \"q_proj\"");
    try (WeightStore w = Safetensors.open(dir.resolve("adapter/adapter_model.safetensors"))) {
      assertThat(w.names())
          .hasSize(2 * 7 * 2)
          .contains(
              "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
              "base_model.model.model.layers.1.mlp.down_proj.lora_B.weight");
      assertThat(w.read("base_model.model.model.layers.0.mlp.gate_proj.lora_A.weight").shape())
          .containsExactly(8, 64);
      assertThat(w.read("base_model.model.model.layers.0.mlp.gate_proj.lora_B.weight").shape())
          .containsExactly(128, 8);
    }
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel fresh = LlamaModel.load(base, m)) {
      PeftAdapter.load(dir.resolve("adapter"), fresh);
      assertThat(Trainer.evaluate(fresh, split.get(1), 8))
          .isCloseTo(trained, org.assertj.core.data.Offset.offset(1e-5));
    }
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel merged = LlamaModel.load(HfCheckpoint.open(dir.resolve("merged")), m)) {
      assertThat(dir.resolve("merged/tokenizer.json")).exists();
      assertThat(Trainer.evaluate(merged, split.get(1), 8))
          .isCloseTo(trained, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void qloraAdapterRoundTripsOntoAFreshNf4Base() {
    HfCheckpoint base = InstructionFixtures.checkpoint(dir.resolve("base"));
    List<List<TrainingExample>> split = InstructionFixtures.split(base);
    double trained;
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(base, m)) {
      QLora.quantize(model, true);
      LoraAdapters lora = LoraAdapters.attach(model, LoraConfig.of(8, 16, 0.05), 1);
      new Trainer(model, InstructionFixtures.trainingConfig(15))
          .train(split.get(0), List.of(), p -> {});
      trained = Trainer.evaluate(model, split.get(1), 8);
      PeftAdapter.save(dir.resolve("adapter"), lora, "tiny-llama");
      MergedExport.write(dir.resolve("merged"), model, base, TensorDType.F32);
    }
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel fresh = LlamaModel.load(base, m)) {
      QLora.quantize(fresh, true);
      PeftAdapter.load(dir.resolve("adapter"), fresh);
      assertThat(Trainer.evaluate(fresh, split.get(1), 8))
          .isCloseTo(trained, org.assertj.core.data.Offset.offset(1e-5));
    }
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel merged = LlamaModel.load(HfCheckpoint.open(dir.resolve("merged")), m)) {
      assertThat(Trainer.evaluate(merged, split.get(1), 8))
          .isCloseTo(trained, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void rejectsAdaptersThatDoNotFitTheModel() throws Exception {
    HfCheckpoint base = InstructionFixtures.checkpoint(dir.resolve("base"));
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(base, m)) {
      PeftAdapter.save(
          dir.resolve("adapter"), LoraAdapters.attach(model, LoraConfig.of(4, 8, 0), 1), "tiny");
    }
    HfCheckpoint other =
        io.llmtwin.llm.testing.TinyLlamaCheckpoints.write(
            dir.resolve("other"),
            io.llmtwin.llm.checkpoint.LlamaConfig.llama(256, 32, 64, 2, 4, 2),
            1);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(other, m)) {
      assertThatThrownBy(() -> PeftAdapter.load(dir.resolve("adapter"), model))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining("do not match");
    }
    Files.writeString(
        dir.resolve("adapter/adapter_config.json"),
        Files.readString(dir.resolve("adapter/adapter_config.json"))
            .replace("\"use_rslora\" : false", "\"use_rslora\" : true"));
    assertThatThrownBy(() -> PeftAdapter.read(dir.resolve("adapter")))
        .hasMessageContaining("rsLoRA");
  }
}
