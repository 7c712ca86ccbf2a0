package io.llmtwin.llm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.checkpoint.WeightStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void vocabularyHasEveryWordAllByteTokensAndTheMergesThatBuildEachWord() {
    TinyLlamaCheckpoints.Vocabulary v =
        TinyLlamaCheckpoints.vocabulary(
            TinyLlamaCheckpoints.tinyConfig().vocabSize(), List.of("Ownership"));
    assertThat(v.tokens()).hasSize(896).startsWith("<unk>", "<s>", "</s>", "<pad>", "\u2581");
    assertThat(v.byteFallback()).isTrue();
    for (int b = 0; b < 256; b++) {
      assertThat(v.id(TinyLlamaCheckpoints.byteToken(b))).as("byte %d", b).isPositive();
    }
    assertThat(v.id("<0x0A>")).isPositive();
    for (String w : TinyLlamaCheckpoints.WORDS) {
      assertThat(v.id("\u2581" + w)).as(w).isPositive();
    }
    assertThat(v.id("\u2581ownership")).isPositive();
    assertThat(v.merges())
        .contains("\u2581 b", "\u2581b e", "\u2581belo w", "\u2581ownershi p")
        .allSatisfy(
            m -> {
              String[] parts = m.split(" ");
              assertThat(v.id(parts[0])).isNotNegative();
              assertThat(v.id(parts[1])).isNotNegative();
              assertThat(v.id(parts[0] + parts[1])).isNotNegative();
            });
    assertThat(v.tokens()).doesNotHaveDuplicates();
  }

  @Test
  void smallVocabularyKeepsWholeWordsAndDropsByteFallback() {
    TinyLlamaCheckpoints.Vocabulary v = TinyLlamaCheckpoints.vocabulary(320, List.of());
    assertThat(v.tokens()).hasSize(320);
    assertThat(v.byteFallback()).isFalse();
    assertThat(v.id("<0x0A>")).isNegative();
    assertThat(v.id("\u2581instruction")).isPositive();
  }

  @Test
  void writesLlamaStyleTokenizerFiles() throws Exception {
    TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 1);
    String tokenizer = Files.readString(dir.resolve("tokenizer.json"));
    assertThat(tokenizer)
        .contains("\"byte_fallback\" : true", "\"Metaspace\"", "\"ByteFallback\"", "\"<0xFF>\"");
    assertThat(Files.readString(dir.resolve("tokenizer_config.json")))
        .contains("\"add_bos_token\" : true", "\"bos_token\" : \"<s>\"");
  }
}
