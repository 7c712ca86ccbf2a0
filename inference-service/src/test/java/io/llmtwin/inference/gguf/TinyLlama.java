package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * llm-checkpoint's tiny Llama ({@link TinyLlamaCheckpoints#tinyConfig()}, its byte-fallback
 * tokenizer) with weights rescaled per matrix ({@code 1/sqrt(fan_in)}, a sharper LM head) so the
 * next-token distribution is far from uniform (logit spread of a few units), which makes
 * probability comparisons meaningful. {@link #tensors} may be changed before {@link #writeTo}.
 */
public final class TinyLlama {

  static final LlamaConfig CONFIG = TinyLlamaCheckpoints.tinyConfig();
  static final int DIM = CONFIG.hiddenSize();
  static final int LAYERS = CONFIG.numHiddenLayers();
  static final int HEADS = CONFIG.numAttentionHeads();
  static final int KV_HEADS = CONFIG.numKeyValueHeads();
  static final int FF = CONFIG.intermediateSize();
  static final int VOCAB = CONFIG.vocabSize();
  static final double ROPE_THETA = CONFIG.ropeTheta();
  static final double RMS_EPS = CONFIG.rmsNormEps();

  final Map<String, HostTensor> tensors = new LinkedHashMap<>();
  final List<String> vocab = TinyLlamaCheckpoints.vocabulary(VOCAB, List.of()).tokens();

  /** A model with weights drawn from {@code seed}. */
  public TinyLlama(long seed) {
    TinyLlamaCheckpoints.randomWeights(CONFIG, seed, 1.0)
        .forEach((name, t) -> tensors.put(name, t.shape().length == 1 ? t : scaled(name, t)));
  }

  private static HostTensor scaled(String name, HostTensor t) {
    double scale =
        name.equals("model.embed_tokens.weight")
            ? 1.0
            : name.equals("lm_head.weight") ? 3.0 / Math.sqrt(DIM) : 1.0 / Math.sqrt(t.shape()[1]);
    float[] v = t.data().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * scale);
    }
    return new HostTensor(t.shape(), v);
  }

  /**
   * Writes the Hugging Face checkpoint (config, tokenizer files, F32 safetensors) to {@code dir}.
   */
  public Path writeTo(Path dir) {
    TinyLlamaCheckpoints.write(dir, CONFIG, tensors, TinyLlamaCheckpoints.Options.defaults());
    return dir;
  }

  /** Writes the checkpoint to {@code dir}/hf and converts it to a GGUF file of {@code type}. */
  public Path toGguf(Path dir, GgufFileType type) throws IOException {
    Path hf = writeTo(dir.resolve("hf"));
    Path out = dir.resolve("tiny-" + type.name().toLowerCase(Locale.ROOT) + ".gguf");
    try (HfCheckpointSource source = HfCheckpointSource.open(hf)) {
      new GgufConverter().convert(source, out, type, "tiny-llama");
    }
    return out;
  }

  /**
   * The text llama.cpp prints for a token of this vocabulary on its own: nothing for the special
   * tokens, the character of an ASCII byte token, {@code null} for a byte token above 0x7F (a
   * fragment of a UTF-8 sequence that is not text by itself).
   */
  String piece(int id) {
    if (id < 4) { // <unk>, <s>, </s>, <pad> print as nothing
      return "";
    }
    String text = vocab.get(id);
    if (text.matches("<0x[0-9A-F]{2}>")) {
      int b = Integer.parseInt(text.substring(3, 5), 16);
      return b < 0x80 ? new String(new byte[] {(byte) b}, StandardCharsets.US_ASCII) : null;
    }
    return text.replace('\u2581', ' ');
  }

  /** The text of a token sequence: pieces and byte tokens joined as UTF-8 bytes, then decoded. */
  String text(List<Integer> ids) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int id : ids) {
      String t = vocab.get(id);
      if (id < 4) {
        continue;
      }
      if (t.matches("<0x[0-9A-F]{2}>")) {
        bytes.write(Integer.parseInt(t.substring(3, 5), 16));
      } else {
        bytes.writeBytes(t.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
