package io.llmtwin.llm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.checkpoint.WeightStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyLlamaCheckpointsTest {

  @TempDir Path dir;

  @Test
  void writesHuggingFaceLayoutThatLoadsBack() {
    LlamaConfig config = TinyLlamaCheckpoints.tinyConfig();
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, config, 7);
    assertThat(dir.resolve("config.json")).exists();
    assertThat(dir.resolve("tokenizer.json")).exists();
    assertThat(dir.resolve("generation_config.json")).exists();
    assertThat(dir.resolve("model.safetensors")).exists();
    assertThat(ckpt.config()).isEqualTo(config);
    assertThat(ckpt.generation().eosTokenIds()).containsExactly(TinyLlamaCheckpoints.EOS);
    try (WeightStore w = ckpt.weights()) {
      assertThat(w.names())
          .contains(
              "model.embed_tokens.weight", "lm_head.weight", "model.layers.1.mlp.down_proj.weight");
      assertThat(w.read("model.layers.0.self_attn.k_proj.weight").shape()).containsExactly(32, 64);
    }
  }

  @Test
  void sameSeedGivesSameWeightsAndShardedBf16Loads() {
    LlamaConfig config = TinyLlamaCheckpoints.tinyConfig().withTiedEmbeddings(true);
    TinyLlamaCheckpoints.write(dir.resolve("a"), config, 3);
    TinyLlamaCheckpoints.write(
        dir.resolve("b"),
        config,
        3,
        TinyLlamaCheckpoints.Options.defaults().withDtype(TensorDType.BF16).sharded(20_000));
    assertThat(dir.resolve("b/model.safetensors.index.json")).exists();
    try (WeightStore a = HfCheckpoint.open(dir.resolve("a")).weights();
        WeightStore b = HfCheckpoint.open(dir.resolve("b")).weights()) {
      assertThat(b.names())
          .containsExactlyInAnyOrderElementsOf(a.names())
          .doesNotContain("lm_head.weight");
      float x = a.read("model.norm.weight").data()[5];
      float y = b.read("model.norm.weight").data()[5];
      assertThat(Math.abs(x - y)).isLessThan(0.01f);
    }
  }

  @Test
  void tokenizerEncodesKnownWordsAndMapsOthersToUnknown() {
    TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 1);
    try (LlmTokenizer tok = LlmTokenizer.load(dir)) {
      long[] ids = tok.encode("### Instruction: write blog zzzz");
      assertThat(ids).hasSize(6);
      assertThat(ids[5]).isEqualTo(TinyLlamaCheckpoints.UNK);
      assertThat(tok.decode(new long[] {ids[0], ids[1], ids[2]})).isEqualTo("### instruction :");
    }
  }
}
