package io.llmtwin.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufConverterTest {

  @TempDir Path tmp;

  private GgufFile convert(TinyLlama model, GgufFileType type) throws Exception {
    Path dir = model.writeTo(tmp.resolve("hf-" + type));
    GgufConverter.Result result;
    try (HfCheckpointSource source = HfCheckpointSource.open(dir)) {
      result = new GgufConverter().convert(source, tmp.resolve(type + ".gguf"), type, "tiny");
    }
    assertThat(result.bytes()).isEqualTo(Files.size(result.file()));
    return GgufFile.read(result.file());
  }

  @Test
  @SuppressWarnings("unchecked")
  void writesLlamaMetadataAndTokenizer() throws Exception {
    GgufFile gguf = convert(new TinyLlama(7), GgufFileType.Q8_0);
    var md = gguf.metadata();
    assertThat(gguf.version()).isEqualTo(3);
    assertThat(md)
        .containsEntry("general.architecture", "llama")
        .containsEntry("general.name", "tiny")
        .containsEntry("general.file_type", 7L)
        .containsEntry("general.alignment", 32L)
        .containsEntry("llama.context_length", 2048L)
        .containsEntry("llama.embedding_length", 64L)
        .containsEntry("llama.block_count", 2L)
        .containsEntry("llama.feed_forward_length", 128L)
        .containsEntry("llama.attention.head_count", 4L)
        .containsEntry("llama.attention.head_count_kv", 2L)
        .containsEntry("llama.rope.dimension_count", 16L)
        .containsEntry("llama.vocab_size", 896L)
        .containsEntry("tokenizer.ggml.model", "llama")
        .containsEntry("tokenizer.ggml.bos_token_id", 1L)
        .containsEntry("tokenizer.ggml.eos_token_id", 2L)
        .containsEntry("tokenizer.ggml.unknown_token_id", 0L)
        .containsEntry("tokenizer.ggml.padding_token_id", 3L)
        .containsEntry("tokenizer.ggml.add_bos_token", true)
        .containsEntry("tokenizer.ggml.add_space_prefix", true);
    assertThat((Double) md.get("llama.rope.freq_base")).isEqualTo(10000.0);
    assertThat((Double) md.get("llama.attention.layer_norm_rms_epsilon"))
        .isCloseTo(1e-5, org.assertj.core.data.Offset.offset(1e-9));
    List<Object> tokens = (List<Object>) md.get("tokenizer.ggml.tokens");
    List<Object> types = (List<Object>) md.get("tokenizer.ggml.token_type");
    List<Object> scores = (List<Object>) md.get("tokenizer.ggml.scores");
    assertThat(tokens).hasSize(896).startsWith("<unk>", "<s>", "</s>", "<pad>", "\u2581");
    assertThat(types).startsWith(2L, 3L, 3L, 3L, 1L);
    // byte fallback: all 256 byte tokens, typed BYTE, so llama.cpp can spell any UTF-8 text
    for (int b = 0; b < 256; b++) {
      int id = tokens.indexOf(String.format("<0x%02X>", b));
      assertThat(id).as("byte %d", b).isPositive();
      assertThat(types.get(id)).isEqualTo(6L);
    }
    // earlier merges must win in llama.cpp's SentencePiece merging: higher score
    int first = tokens.indexOf("\u2581b");
    int later = tokens.indexOf("\u2581be");
    assertThat((Double) scores.get(first)).isGreaterThan((Double) scores.get(later));
  }

  @Test
  void namesTensorsLikeLlamaCppAndKeepsNormsInF32() throws Exception {
    GgufFile gguf = convert(new TinyLlama(7), GgufFileType.Q4_0);
    assertThat(gguf.tensors().keySet())
        .contains(
            "token_embd.weight",
            "blk.0.attn_norm.weight",
            "blk.0.attn_q.weight",
            "blk.0.attn_k.weight",
            "blk.0.attn_v.weight",
            "blk.0.attn_output.weight",
            "blk.0.ffn_norm.weight",
            "blk.0.ffn_gate.weight",
            "blk.0.ffn_up.weight",
            "blk.1.ffn_down.weight",
            "output_norm.weight",
            "output.weight")
        .hasSize(1 + 2 * 9 + 2);
    assertThat(gguf.tensors().get("blk.0.attn_norm.weight").type()).isEqualTo(GgmlType.F32);
    assertThat(gguf.tensors().get("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.Q4_0);
    assertThat(gguf.tensors().get("blk.0.attn_k.weight").dims()).containsExactly(64L, 32L);
    assertThat(gguf.tensors().get("token_embd.weight").dims()).containsExactly(64L, 896L);
    for (GgufFile.TensorInfo info : gguf.tensors().values()) {
      assertThat(info.absoluteOffset() % 32).as(info.name()).isZero();
    }
  }

  @Test
  void storesF32WeightsExactlyWithQueryAndKeyRowsPermutedForGgmlRope() throws Exception {
    TinyLlama model = new TinyLlama(7);
    GgufFile gguf = convert(model, GgufFileType.F32);
    float[] v = model.tensors.get("model.layers.1.self_attn.v_proj.weight").data();
    assertThat(gguf.tensorValues("blk.1.attn_v.weight")).containsExactly(v);
    float[] k = model.tensors.get("model.layers.1.self_attn.k_proj.weight").data();
    float[] stored = gguf.tensorValues("blk.1.attn_k.weight");
    int headDim = 16;
    int half = headDim / 2;
    for (int head = 0; head < TinyLlama.KV_HEADS; head++) {
      for (int i = 0; i < half; i++) {
        for (int c = 0; c < 64; c++) {
          // HF row i pairs with row i + half; ggml stores the pair as adjacent rows 2i, 2i+1
          int hfFirst = (head * headDim + i) * 64 + c;
          int hfSecond = (head * headDim + half + i) * 64 + c;
          assertThat(stored[(head * headDim + 2 * i) * 64 + c]).isEqualTo(k[hfFirst]);
          assertThat(stored[(head * headDim + 2 * i + 1) * 64 + c]).isEqualTo(k[hfSecond]);
        }
      }
    }
  }

  @Test
  void quantisedWeightsStayCloseToTheOriginal() throws Exception {
    TinyLlama model = new TinyLlama(7);
    float[] original = model.tensors.get("model.layers.0.mlp.up_proj.weight").data();
    for (GgufFileType type : List.of(GgufFileType.F16, GgufFileType.Q8_0, GgufFileType.Q4_0)) {
      float[] stored = convert(model, type).tensorValues("blk.0.ffn_up.weight");
      double sq = 0;
      double ref = 0;
      for (int i = 0; i < original.length; i++) {
        sq += Math.pow(stored[i] - original[i], 2);
        ref += Math.pow(original[i], 2);
      }
      double relative = Math.sqrt(sq / ref);
      double bound =
          switch (type) {
            case F16 -> 1e-3;
            case Q8_0 -> 0.01;
            default -> 0.12;
          };
      assertThat(relative).as(type.toString()).isLessThan(bound);
    }
  }

  @Test
  void fallsBackToF16ForRowsThatAreNotWholeBlocks() {
    assertThat(GgufConverter.typeFor(GgufFileType.Q4_0, new long[] {48, 16}))
        .isEqualTo(GgmlType.F16);
    assertThat(GgufConverter.typeFor(GgufFileType.Q8_0, new long[] {64, 16}))
        .isEqualTo(GgmlType.Q8_0);
    assertThat(GgufConverter.typeFor(GgufFileType.Q8_0, new long[] {48})).isEqualTo(GgmlType.F32);
  }

  @Test
  void rejectsCheckpointsItCannotTranslate() throws Exception {
    Path dir = new TinyLlama(7).writeTo(tmp.resolve("bad"));
    Files.writeString(
        dir.resolve("config.json"),
        Files.readString(dir.resolve("config.json")).replace("\"llama\"", "\"gpt_neox\""));
    assertThatThrownBy(() -> HfCheckpointSource.open(dir))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("gpt_neox");
    Files.delete(dir.resolve("model.safetensors"));
    Path other = new TinyLlama(7).writeTo(tmp.resolve("noweights"));
    Files.delete(other.resolve("model.safetensors"));
    assertThatThrownBy(() -> HfCheckpointSource.open(other))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("model.safetensors");
  }

  @Test
  void writesNothingVisibleWhenConversionFails() throws Exception {
    Path dir = new TinyLlama(7).writeTo(tmp.resolve("hf"));
    HfCheckpointSource checkpoint = HfCheckpointSource.open(dir);
    CheckpointSource failing =
        new CheckpointSource() {
          @Override
          public LlamaConfig config() {
            return checkpoint.config();
          }

          @Override
          public GgufVocabulary vocabulary() {
            return checkpoint.vocabulary();
          }

          @Override
          public List<String> tensorNames() {
            return checkpoint.tensorNames();
          }

          @Override
          public long[] shape(String name) {
            return checkpoint.shape(name);
          }

          @Override
          public HostTensor tensor(String name) throws java.io.IOException {
            if (name.contains("layers.1")) {
              throw new java.io.IOException("disk went away");
            }
            return checkpoint.tensor(name);
          }
        };
    Path target = tmp.resolve("out.gguf");
    assertThatThrownBy(() -> new GgufConverter().convert(failing, target, GgufFileType.Q8_0, "x"))
        .hasMessageContaining("disk went away");
    assertThat(target).doesNotExist();
    assertThat(tmp.resolve("out.gguf.part")).doesNotExist();
    checkpoint.close();
  }
}
