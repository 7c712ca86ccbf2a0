package io.llmtwin.llm.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The architecture fields of a Llama-family {@code config.json} (Llama, Mistral, Qwen2, SmolLM).
 *
 * @param modelType {@code model_type}, e.g. "llama", "mistral", "qwen2"
 * @param vocabSize vocabulary size
 * @param hiddenSize model dimension
 * @param intermediateSize MLP hidden dimension
 * @param numHiddenLayers decoder layers
 * @param numAttentionHeads query heads
 * @param numKeyValueHeads key/value heads (grouped-query attention when fewer than query heads)
 * @param headDim per-head dimension ({@code head_dim}, default hidden/heads)
 * @param rmsNormEps RMSNorm epsilon
 * @param ropeTheta rotary base
 * @param ropeScaling rotary scaling, {@link RopeScaling#NONE} when absent
 * @param tieWordEmbeddings whether the LM head reuses the embedding matrix
 * @param qkvBias whether q/k/v projections have a bias (Qwen2, or Llama with attention_bias)
 * @param outputBias whether the o projection has a bias (Llama with attention_bias)
 * @param maxPositionEmbeddings maximum context
 * @param bosTokenId beginning-of-sequence id, -1 when none
 * @param eosTokenIds end-of-sequence ids (possibly several)
 */
public record LlamaConfig(
    String modelType,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    double rmsNormEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    boolean tieWordEmbeddings,
    boolean qkvBias,
    boolean outputBias,
    int maxPositionEmbeddings,
    int bosTokenId,
    List<Integer> eosTokenIds) {

  /** File name inside a checkpoint directory. */
  public static final String FILE = "config.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Validates the dimensions. */
  public LlamaConfig {
    eosTokenIds = List.copyOf(eosTokenIds);
    if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || numHiddenLayers <= 0) {
      throw new CheckpointException("config dimensions must be positive");
    }
    if (numAttentionHeads <= 0
        || numKeyValueHeads <= 0
        || numAttentionHeads % numKeyValueHeads != 0) {
      throw new CheckpointException(
          "num_attention_heads ("
              + numAttentionHeads
              + ") must be a positive multiple of num_key_value_heads ("
              + numKeyValueHeads
              + ")");
    }
    if (headDim <= 0 || headDim % 2 != 0) {
      throw new CheckpointException("head_dim must be positive and even, got " + headDim);
    }
  }

  /** A plain Llama config with the usual defaults (untied head, no bias, theta 10000). */
  public static LlamaConfig llama(
      int vocabSize, int hidden, int intermediate, int layers, int heads, int kvHeads) {
    return new LlamaConfig(
        "llama",
        vocabSize,
        hidden,
        intermediate,
        layers,
        heads,
        kvHeads,
        hidden / heads,
        1e-5,
        10000.0,
        RopeScaling.NONE,
        false,
        false,
        false,
        2048,
        1,
        List.of(2));
  }

  /** Copy with tied or untied embeddings. */
  public LlamaConfig withTiedEmbeddings(boolean tied) {
    return new LlamaConfig(
        modelType,
        vocabSize,
        hiddenSize,
        intermediateSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        rmsNormEps,
        ropeTheta,
        ropeScaling,
        tied,
        qkvBias,
        outputBias,
        maxPositionEmbeddings,
        bosTokenId,
        eosTokenIds);
  }

  /** Copy as a Qwen2-style model (q/k/v bias, no o bias). */
  public LlamaConfig asQwen2() {
    return new LlamaConfig(
        "qwen2",
        vocabSize,
        hiddenSize,
        intermediateSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        rmsNormEps,
        1_000_000.0,
        ropeScaling,
        tieWordEmbeddings,
        true,
        false,
        maxPositionEmbeddings,
        bosTokenId,
        eosTokenIds);
  }

  /** Copy with another rope scaling. */
  public LlamaConfig withRopeScaling(RopeScaling scaling) {
    return new LlamaConfig(
        modelType,
        vocabSize,
        hiddenSize,
        intermediateSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        rmsNormEps,
        ropeTheta,
        scaling,
        tieWordEmbeddings,
        qkvBias,
        outputBias,
        maxPositionEmbeddings,
        bosTokenId,
        eosTokenIds);
  }

  /** Reads {@code config.json} of a checkpoint directory (or the file itself). */
  public static LlamaConfig read(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + file, e);
    }
  }

  /** Parses the JSON text of a {@code config.json}. */
  public static LlamaConfig parse(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new CheckpointException("config.json is not valid JSON", e);
    }
    String type = n.path("model_type").asString("llama");
    if (n.path("mlp_bias").asBoolean(false)) {
      throw new CheckpointException("mlp_bias=true is not supported");
    }
    int hidden = required(n, "hidden_size");
    int heads = required(n, "num_attention_heads");
    boolean attentionBias = n.path("attention_bias").asBoolean(false);
    boolean qwen = type.startsWith("qwen2");
    return new LlamaConfig(
        type,
        required(n, "vocab_size"),
        hidden,
        required(n, "intermediate_size"),
        required(n, "num_hidden_layers"),
        heads,
        n.path("num_key_value_heads").asInt(heads),
        n.hasNonNull("head_dim") ? n.get("head_dim").asInt() : hidden / heads,
        n.path("rms_norm_eps").asDouble(1e-6),
        n.path("rope_theta").asDouble(10000.0),
        parseScaling(n.path("rope_scaling")),
        n.path("tie_word_embeddings").asBoolean(false),
        qwen || attentionBias,
        !qwen && attentionBias,
        n.path("max_position_embeddings").asInt(2048),
        n.path("bos_token_id").isNumber() ? n.get("bos_token_id").asInt() : -1,
        ids(n.path("eos_token_id")));
  }

  static List<Integer> ids(JsonNode node) {
    List<Integer> out = new ArrayList<>();
    if (node.isNumber()) {
      out.add(node.asInt());
    } else if (node.isArray()) {
      node.forEach(x -> out.add(x.asInt()));
    }
    return out;
  }

  private static RopeScaling parseScaling(JsonNode s) {
    if (s.isMissingNode() || s.isNull()) {
      return RopeScaling.NONE;
    }
    String type =
        s.hasNonNull("rope_type")
            ? s.get("rope_type").asString()
            : s.path("type").asString("default");
    double factor = s.path("factor").asDouble(1.0);
    return new RopeScaling(
        type,
        factor,
        s.path("low_freq_factor").asDouble(1.0),
        s.path("high_freq_factor").asDouble(4.0),
        s.path("original_max_position_embeddings").asInt(8192));
  }

  private static int required(JsonNode n, String field) {
    if (!n.path(field).isNumber()) {
      throw new CheckpointException("config.json lacks numeric field " + field);
    }
    return n.get(field).asInt();
  }

  /** Renders this config as a Hugging Face {@code config.json}. */
  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    String arch =
        switch (modelType) {
          case "qwen2" -> "Qwen2ForCausalLM";
          case "mistral" -> "MistralForCausalLM";
          default -> "LlamaForCausalLM";
        };
    n.putArray("architectures").add(arch);
    n.put("model_type", modelType);
    n.put("vocab_size", vocabSize);
    n.put("hidden_size", hiddenSize);
    n.put("intermediate_size", intermediateSize);
    n.put("num_hidden_layers", numHiddenLayers);
    n.put("num_attention_heads", numAttentionHeads);
    n.put("num_key_value_heads", numKeyValueHeads);
    n.put("head_dim", headDim);
    n.put("hidden_act", "silu");
    n.put("rms_norm_eps", rmsNormEps);
    n.put("rope_theta", ropeTheta);
    if (ropeScaling.type().equals("default")) {
      n.putNull("rope_scaling");
    } else {
      ObjectNode s = n.putObject("rope_scaling");
      s.put("rope_type", ropeScaling.type());
      s.put("factor", ropeScaling.factor());
      if (ropeScaling.type().equals("llama3")) {
        s.put("low_freq_factor", ropeScaling.lowFreqFactor());
        s.put("high_freq_factor", ropeScaling.highFreqFactor());
        s.put("original_max_position_embeddings", ropeScaling.originalMaxPositionEmbeddings());
      }
    }
    n.put("tie_word_embeddings", tieWordEmbeddings);
    if (!modelType.startsWith("qwen2")) {
      n.put("attention_bias", qkvBias);
    }
    n.put("mlp_bias", false);
    n.put("max_position_embeddings", maxPositionEmbeddings);
    if (bosTokenId >= 0) {
      n.put("bos_token_id", bosTokenId);
    }
    if (eosTokenIds.size() == 1) {
      n.put("eos_token_id", eosTokenIds.get(0));
    } else if (!eosTokenIds.isEmpty()) {
      var arr = n.putArray("eos_token_id");
      eosTokenIds.forEach(arr::add);
    }
    n.put("torch_dtype", "float32");
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
  }

  /** Queries per key/value head. */
  public int groupSize() {
    return numAttentionHeads / numKeyValueHeads;
  }
}
