package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a Llama checkpoint into a GGUF v3 file llama.cpp can load, quantising weight matrices to
 * the requested {@link GgufFileType}.
 *
 * <p>Like llama.cpp's {@code convert_hf_to_gguf.py}, the rows of {@code q_proj} and {@code k_proj}
 * are permuted per head from Hugging Face's rotate-half RoPE layout to ggml's interleaved pairs.
 * Matrices whose rows are not a multiple of 32 values fall back to F16 when a block type was asked
 * for. The file is written to a temporary sibling and moved into place, so a reader never sees a
 * half-written model ({@link GgufWriter#writeAtomically}).
 */
public final class GgufConverter {

  private static final Pattern LAYER =
      Pattern.compile("model\\.layers\\.(\\d+)\\.(self_attn|mlp)?\\.?([a-z_]+)\\.(weight|bias)");

  /** What a conversion produced. */
  public record Result(
      Path file, long bytes, long parameters, GgufFileType fileType, Duration took) {}

  /**
   * Converts {@code source} to {@code target}.
   *
   * @param modelName stored as {@code general.name}
   */
  public Result convert(
      CheckpointSource source, Path target, GgufFileType fileType, String modelName)
      throws IOException {
    long start = System.nanoTime();
    LlamaConfig c = requireConvertible(source.config());
    GgufWriter writer = new GgufWriter();
    writer.put("general.architecture", "llama");
    writer.put("general.name", modelName);
    writer.put("general.file_type", fileType.id());
    writer.put("general.quantization_version", 2);
    writer.put("general.alignment", 32);
    writer.put("llama.context_length", c.maxPositionEmbeddings());
    writer.put("llama.embedding_length", c.hiddenSize());
    writer.put("llama.block_count", c.numHiddenLayers());
    writer.put("llama.feed_forward_length", c.intermediateSize());
    writer.put("llama.attention.head_count", c.numAttentionHeads());
    writer.put("llama.attention.head_count_kv", c.numKeyValueHeads());
    writer.put("llama.rope.freq_base", (float) c.ropeTheta());
    writer.put("llama.attention.layer_norm_rms_epsilon", (float) c.rmsNormEps());
    writer.put("llama.rope.dimension_count", c.headDim());
    if (c.headDim() * c.numAttentionHeads() != c.hiddenSize()) {
      writer.put("llama.attention.key_length", c.headDim());
      writer.put("llama.attention.value_length", c.headDim());
    }
    if (c.ropeScaling().type().equals("linear")) {
      writer.put("llama.rope.scaling.type", "linear");
      writer.put("llama.rope.scaling.factor", (float) c.ropeScaling().factor());
    }
    writer.put("llama.vocab_size", c.vocabSize());
    GgufVocabulary vocabulary = source.vocabulary();
    if (vocabulary.size() != c.vocabSize()) {
      throw new UnsupportedCheckpointException(
          "tokenizer has " + vocabulary.size() + " tokens, model vocab_size is " + c.vocabSize());
    }
    vocabulary.writeTo(writer);

    Set<String> names = new HashSet<>(source.tensorNames());
    long parameters = 0;
    List<String> ordered = new ArrayList<>();
    ordered.add("model.embed_tokens.weight");
    for (int layer = 0; layer < c.numHiddenLayers(); layer++) {
      String p = "model.layers." + layer + ".";
      for (String suffix :
          List.of(
              "input_layernorm.weight",
              "self_attn.q_proj.weight",
              "self_attn.q_proj.bias",
              "self_attn.k_proj.weight",
              "self_attn.k_proj.bias",
              "self_attn.v_proj.weight",
              "self_attn.v_proj.bias",
              "self_attn.o_proj.weight",
              "post_attention_layernorm.weight",
              "mlp.gate_proj.weight",
              "mlp.up_proj.weight",
              "mlp.down_proj.weight")) {
        if (names.contains(p + suffix) || suffix.endsWith(".weight")) {
          ordered.add(p + suffix);
        }
      }
    }
    ordered.add("model.norm.weight");
    if (names.contains("lm_head.weight")) {
      ordered.add("lm_head.weight");
    } else if (!c.tieWordEmbeddings()) {
      throw new UnsupportedCheckpointException(
          "lm_head.weight is missing and embeddings are not tied");
    }
    for (String name : names) {
      if (!ordered.contains(name) && !name.endsWith("rotary_emb.inv_freq")) {
        throw new UnsupportedCheckpointException(
            "unexpected tensor " + name + " for a Llama model");
      }
    }
    for (String name : ordered) {
      if (!names.contains(name)) {
        throw new UnsupportedCheckpointException("missing tensor " + name);
      }
    }

    for (String name : ordered) {
      long[] shape = source.shape(name);
      long elements = 1;
      for (long d : shape) {
        elements *= d;
      }
      parameters += elements;
      long[] dims = new long[shape.length];
      for (int i = 0; i < shape.length; i++) {
        dims[i] = shape[shape.length - 1 - i];
      }
      GgmlType type = typeFor(fileType, dims);
      String ggufName = ggufName(name);
      writer.addTensor(
          ggufName,
          dims,
          type,
          () -> {
            HostTensor t = source.tensor(name);
            float[] values = permuteIfRotary(name, t, c);
            return GgmlQuantizer.encode(type, values, rowLength(t));
          });
    }

    long bytes = writer.writeAtomically(target);
    return new Result(
        target, bytes, parameters, fileType, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Checks that llama.cpp's {@code llama} architecture can run a model of this config: Llama or
   * Mistral, no RoPE scaling or linear scaling.
   *
   * @throws UnsupportedCheckpointException otherwise
   */
  static LlamaConfig requireConvertible(LlamaConfig c) {
    if (!c.modelType().equals("llama") && !c.modelType().equals("mistral")) {
      throw new UnsupportedCheckpointException(
          "model_type '" + c.modelType() + "' is not supported (llama, mistral)");
    }
    String rope = c.ropeScaling().type();
    if (!rope.equals("default") && !rope.equals("linear")) {
      throw new UnsupportedCheckpointException(
          "rope_scaling type '" + rope + "' is not supported (linear)");
    }
    return c;
  }

  static GgmlType typeFor(GgufFileType fileType, long[] dims) {
    if (dims.length == 1) {
      return GgmlType.F32;
    }
    GgmlType wanted = fileType.matrixType();
    if (wanted.fitsRowLength(dims[0])) {
      return wanted;
    }
    return fileType == GgufFileType.F32 ? GgmlType.F32 : GgmlType.F16;
  }

  /** Maps a Hugging Face Llama tensor name to llama.cpp's GGUF name. */
  static String ggufName(String hfName) {
    switch (hfName) {
      case "model.embed_tokens.weight":
        return "token_embd.weight";
      case "model.norm.weight":
        return "output_norm.weight";
      case "lm_head.weight":
        return "output.weight";
      default:
        break;
    }
    Matcher m = LAYER.matcher(hfName);
    if (!m.matches()) {
      throw new UnsupportedCheckpointException("no GGUF name for tensor " + hfName);
    }
    String part =
        switch (m.group(3)) {
          case "q_proj" -> "attn_q";
          case "k_proj" -> "attn_k";
          case "v_proj" -> "attn_v";
          case "o_proj" -> "attn_output";
          case "gate_proj" -> "ffn_gate";
          case "up_proj" -> "ffn_up";
          case "down_proj" -> "ffn_down";
          case "input_layernorm" -> "attn_norm";
          case "post_attention_layernorm" -> "ffn_norm";
          default -> throw new UnsupportedCheckpointException("no GGUF name for tensor " + hfName);
        };
    return "blk." + m.group(1) + "." + part + "." + m.group(4);
  }

  private static float[] permuteIfRotary(String name, HostTensor t, LlamaConfig c) {
    if (name.contains(".q_proj.")) {
      return permuteRotaryRows(t.data(), c.numAttentionHeads(), rowWidth(t));
    }
    if (name.contains(".k_proj.")) {
      return permuteRotaryRows(t.data(), c.numKeyValueHeads(), rowWidth(t));
    }
    return t.data();
  }

  private static int rowWidth(HostTensor t) {
    return t.shape().length == 1 ? 1 : (int) rowLength(t);
  }

  /** The length of the innermost (contiguous) dimension. */
  private static long rowLength(HostTensor t) {
    long[] shape = t.shape();
    return shape[shape.length - 1];
  }

  /**
   * Reorders rows within each head: Hugging Face keeps the two rotated halves apart (row {@code i}
   * pairs with {@code i + headDim/2}); ggml's Llama RoPE rotates adjacent rows {@code 2i, 2i+1}.
   * Row {@code h*headDim + s*headDim/2 + i} moves to {@code h*headDim + 2i + s}.
   */
  static float[] permuteRotaryRows(float[] values, int heads, int rowWidth) {
    int rows = values.length / rowWidth;
    if (rows % (heads * 2) != 0) {
      throw new UnsupportedCheckpointException(
          rows + " rows cannot be split into " + heads + " rotary heads");
    }
    int headDim = rows / heads;
    int half = headDim / 2;
    float[] out = new float[values.length];
    for (int h = 0; h < heads; h++) {
      for (int s = 0; s < 2; s++) {
        for (int i = 0; i < half; i++) {
          int from = h * headDim + s * half + i;
          int to = h * headDim + 2 * i + s;
          System.arraycopy(values, from * rowWidth, out, to * rowWidth, rowWidth);
        }
      }
    }
    return out;
  }
}
