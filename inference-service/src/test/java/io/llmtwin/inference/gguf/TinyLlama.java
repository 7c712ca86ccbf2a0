package io.llmtwin.inference.gguf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tiny random-weight Llama written as a Hugging Face checkpoint directory (config.json,
 * tokenizer.json, model.safetensors), for tests. Its tokenizer is SentencePiece-style BPE whose
 * pieces are all printable ASCII (plus {@code ▁}), so every generated token decodes to text.
 *
 * <p>Weights are scaled so the next-token distribution is far from uniform (logit spread of a few
 * units), which makes probability comparisons meaningful.
 */
public final class TinyLlama {

  static final int DIM = 64;
  static final int LAYERS = 2;
  static final int HEADS = 4;
  static final int KV_HEADS = 2;
  static final int FF = 128;
  static final int VOCAB = 256;
  static final int CONTEXT = 256;
  static final double ROPE_THETA = 10000.0;
  static final double RMS_EPS = 1e-5;

  final Map<String, FloatTensor> tensors = new LinkedHashMap<>();
  final List<String> vocab = new ArrayList<>();
  final List<String> merges = new ArrayList<>();

  /** A model with weights drawn from {@code seed}. */
  public TinyLlama(long seed) {
    Random random = new Random(seed);
    buildVocabulary();
    put("model.embed_tokens.weight", random, 1.0, VOCAB, DIM);
    for (int l = 0; l < LAYERS; l++) {
      String p = "model.layers." + l + ".";
      putNorm(p + "input_layernorm.weight", random);
      put(p + "self_attn.q_proj.weight", random, 1.0 / Math.sqrt(DIM), HEADS * DIM / HEADS, DIM);
      put(
          p + "self_attn.k_proj.weight",
          random,
          1.0 / Math.sqrt(DIM),
          KV_HEADS * (DIM / HEADS),
          DIM);
      put(
          p + "self_attn.v_proj.weight",
          random,
          1.0 / Math.sqrt(DIM),
          KV_HEADS * (DIM / HEADS),
          DIM);
      put(p + "self_attn.o_proj.weight", random, 1.0 / Math.sqrt(DIM), DIM, DIM);
      putNorm(p + "post_attention_layernorm.weight", random);
      put(p + "mlp.gate_proj.weight", random, 1.0 / Math.sqrt(DIM), FF, DIM);
      put(p + "mlp.up_proj.weight", random, 1.0 / Math.sqrt(DIM), FF, DIM);
      put(p + "mlp.down_proj.weight", random, 1.0 / Math.sqrt(FF), DIM, FF);
    }
    putNorm("model.norm.weight", random);
    put("lm_head.weight", random, 3.0 / Math.sqrt(DIM), VOCAB, DIM);
  }

  private void put(String name, Random random, double std, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextGaussian() * std);
    }
    tensors.put(name, new FloatTensor(new long[] {rows, cols}, v));
  }

  private void putNorm(String name, Random random) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) (1.0 + 0.1 * random.nextGaussian());
    }
    tensors.put(name, new FloatTensor(new long[] {DIM}, v));
  }

  /** <unk>, <s>, </s>, ▁ and printable ASCII, then merged pieces up to {@link #VOCAB}. */
  private void buildVocabulary() {
    vocab.add("<unk>");
    vocab.add("<s>");
    vocab.add("</s>");
    vocab.add("\u2581");
    for (char c = 33; c < 127; c++) {
      vocab.add(String.valueOf(c));
    }
    String letters = "etaoinshrdlucmfwypvbgk";
    for (char c : letters.toCharArray()) {
      addMerge("\u2581", String.valueOf(c));
    }
    outer:
    for (char a : letters.toCharArray()) {
      for (char b : letters.toCharArray()) {
        if (vocab.size() == VOCAB) {
          break outer;
        }
        addMerge(String.valueOf(a), String.valueOf(b));
      }
    }
  }

  private void addMerge(String left, String right) {
    merges.add(left + " " + right);
    vocab.add(left + right);
  }

  /** Writes config.json, tokenizer.json, tokenizer_config.json and model.safetensors. */
  public Path writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode();
    config.putArray("architectures").add("LlamaForCausalLM");
    config.put("model_type", "llama");
    config.put("vocab_size", VOCAB);
    config.put("hidden_size", DIM);
    config.put("intermediate_size", FF);
    config.put("num_hidden_layers", LAYERS);
    config.put("num_attention_heads", HEADS);
    config.put("num_key_value_heads", KV_HEADS);
    config.put("max_position_embeddings", CONTEXT);
    config.put("rms_norm_eps", RMS_EPS);
    config.put("rope_theta", ROPE_THETA);
    config.put("tie_word_embeddings", false);
    config.put("bos_token_id", 1);
    config.put("eos_token_id", 2);
    config.put("torch_dtype", "float32");
    Files.writeString(dir.resolve("config.json"), json.writeValueAsString(config));

    ObjectNode tok = json.createObjectNode();
    tok.put("version", "1.0");
    ArrayNode added = tok.putArray("added_tokens");
    for (int i = 0; i < 3; i++) {
      ObjectNode t = added.addObject();
      t.put("id", i);
      t.put("content", vocab.get(i));
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    ObjectNode normalizer = tok.putObject("normalizer");
    normalizer.put("type", "Sequence");
    ArrayNode norms = normalizer.putArray("normalizers");
    norms.addObject().put("type", "Prepend").put("prepend", "\u2581");
    ObjectNode replace = norms.addObject().put("type", "Replace");
    replace.putObject("pattern").put("String", " ");
    replace.put("content", "\u2581");
    tok.putNull("pre_tokenizer");
    ObjectNode model = tok.putObject("model");
    model.put("type", "BPE");
    model.put("unk_token", "<unk>");
    model.put("fuse_unk", true);
    model.put("byte_fallback", false);
    ObjectNode v = model.putObject("vocab");
    for (int i = 0; i < vocab.size(); i++) {
      v.put(vocab.get(i), i);
    }
    ArrayNode m = model.putArray("merges");
    merges.forEach(m::add);
    Files.writeString(dir.resolve("tokenizer.json"), json.writeValueAsString(tok));

    ObjectNode tokConfig = json.createObjectNode();
    tokConfig.put("add_bos_token", true);
    tokConfig.put("add_eos_token", false);
    tokConfig.put("bos_token", "<s>");
    tokConfig.put("eos_token", "</s>");
    tokConfig.put("unk_token", "<unk>");
    Files.writeString(dir.resolve("tokenizer_config.json"), json.writeValueAsString(tokConfig));

    writeSafetensors(dir.resolve("model.safetensors"), tensors);
    return dir;
  }

  /** Writes F32 tensors as a safetensors file. */
  static void writeSafetensors(Path file, Map<String, FloatTensor> tensors) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    long offset = 0;
    for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", "F32");
      ArrayNode shape = t.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long size = 4L * e.getValue().values().length;
      t.putArray("data_offsets").add(offset).add(offset + size);
      offset += size;
    }
    byte[] headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int padded = (headerBytes.length + 7) / 8 * 8;
    try (OutputStream out = Files.newOutputStream(file)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
      out.write(len.array());
      out.write(headerBytes);
      for (int i = headerBytes.length; i < padded; i++) {
        out.write(' ');
      }
      for (FloatTensor t : tensors.values()) {
        ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.values());
        out.write(b.array());
      }
    }
  }

  /** Writes the checkpoint to {@code dir} and converts it to a GGUF file of {@code type}. */
  public Path toGguf(Path dir, GgufFileType type) throws IOException {
    Path hf = writeTo(dir.resolve("hf"));
    Path out = dir.resolve("tiny-" + type.name().toLowerCase(java.util.Locale.ROOT) + ".gguf");
    new GgufConverter().convert(HfCheckpoint.open(hf), out, type, "tiny-llama");
    return out;
  }

  /** The text llama.cpp prints for a token of this vocabulary. */
  String piece(int id) {
    if (id < 3) { // <unk>, <s>, </s> print as nothing
      return "";
    }
    return vocab.get(id).replace('\u2581', ' ');
  }
}
