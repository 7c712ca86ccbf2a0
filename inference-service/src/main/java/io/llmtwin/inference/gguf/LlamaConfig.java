package io.llmtwin.inference.gguf;

import tools.jackson.databind.JsonNode;

/**
 * The Llama hyper-parameters GGUF metadata needs, as read from a Hugging Face {@code config.json}.
 *
 * @param ropeScalingFactor linear RoPE scaling factor, or 0 when the model uses none
 */
public record LlamaConfig(
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    int maxPositionEmbeddings,
    double rmsNormEps,
    double ropeTheta,
    double ropeScalingFactor,
    boolean tieWordEmbeddings,
    int bosTokenId,
    int eosTokenId) {

  /** Validates the shape relations llama.cpp relies on. */
  public LlamaConfig {
    if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || numLayers <= 0) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    if (numHeads <= 0 || numKvHeads <= 0 || numHeads % numKvHeads != 0) {
      throw new IllegalArgumentException(
          "num_attention_heads "
              + numHeads
              + " must be a multiple of num_key_value_heads "
              + numKvHeads);
    }
    if (headDim <= 0 || headDim % 2 != 0) {
      throw new IllegalArgumentException("head_dim must be positive and even: " + headDim);
    }
  }

  /** Parses a Hugging Face {@code config.json} of a Llama-style model. */
  public static LlamaConfig fromHuggingFace(JsonNode json) {
    String type = json.path("model_type").asString("llama");
    if (!type.equals("llama") && !type.equals("mistral")) {
      throw new UnsupportedCheckpointException(
          "model_type '" + type + "' is not supported (llama, mistral)");
    }
    int hidden = required(json, "hidden_size");
    int heads = required(json, "num_attention_heads");
    double scaling = 0;
    JsonNode rope = json.path("rope_scaling");
    if (rope.isObject()) {
      String ropeType = rope.path("rope_type").asString(rope.path("type").asString(""));
      if (!ropeType.equals("linear")) {
        throw new UnsupportedCheckpointException(
            "rope_scaling type '" + ropeType + "' is not supported (linear)");
      }
      scaling = rope.path("factor").asDouble(1.0);
    }
    return new LlamaConfig(
        required(json, "vocab_size"),
        hidden,
        required(json, "intermediate_size"),
        required(json, "num_hidden_layers"),
        heads,
        json.path("num_key_value_heads").asInt(heads),
        json.path("head_dim").isNumber() ? json.path("head_dim").asInt() : hidden / heads,
        json.path("max_position_embeddings").asInt(2048),
        json.path("rms_norm_eps").asDouble(1e-6),
        json.path("rope_theta").asDouble(10000.0),
        scaling,
        json.path("tie_word_embeddings").asBoolean(false),
        firstInt(json.path("bos_token_id"), -1),
        firstInt(json.path("eos_token_id"), -1));
  }

  private static int required(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || !node.isNumber()) {
      throw new UnsupportedCheckpointException("config.json lacks numeric '" + field + "'");
    }
    return node.asInt();
  }

  private static int firstInt(JsonNode node, int fallback) {
    if (node.isArray()) {
      return node.isEmpty() ? fallback : node.get(0).asInt(fallback);
    }
    return node.isNumber() ? node.asInt() : fallback;
  }

  /** Parameter count of the decoder (embeddings and LM head included). */
  public long parameterCount() {
    long attention =
        (long) hiddenSize * numHeads * headDim * 2 + (long) hiddenSize * numKvHeads * headDim * 2;
    long mlp = 3L * hiddenSize * intermediateSize;
    long perLayer = attention + mlp + 2L * hiddenSize;
    long embeddings = (long) vocabSize * hiddenSize * (tieWordEmbeddings ? 1 : 2);
    return perLayer * numLayers + embeddings + hiddenSize;
  }
}
