package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.LlamaConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Translates a Hugging Face {@code tokenizer.json} (plus optional {@code tokenizer_config.json})
 * into a {@link GgufVocabulary}.
 *
 * <ul>
 *   <li>Byte-level BPE (a {@code ByteLevel} pre-tokenizer) becomes {@code gpt2} with its merges;
 *       the pre-tokenizer is {@code llama-bpe} when the split regex is Llama 3's, else {@code
 *       default}.
 *   <li>SentencePiece-style BPE ({@code byte_fallback}, {@code Metaspace} or a {@code ▁}
 *       normalizer, as Llama 2 / Mistral / TinyLlama ship it) becomes {@code llama}; llama.cpp
 *       merges the highest-scoring pair first, so a token made by merge rank {@code r} gets score
 *       {@code -r}.
 *   <li>Unigram becomes {@code llama} with the stored scores.
 * </ul>
 *
 * Added tokens marked special are CONTROL, other added tokens USER_DEFINED, {@code <0xNN>} pieces
 * with byte fallback BYTE, the unknown token UNKNOWN. The vocabulary is padded to the model's
 * {@code vocab_size} with UNUSED {@code [PADn]} tokens, as llama.cpp's converter does.
 */
final class HfTokenizerTranslator {

  private static final Pattern BYTE_PIECE = Pattern.compile("<0x[0-9A-Fa-f]{2}>");

  private HfTokenizerTranslator() {}

  static GgufVocabulary translate(
      JsonNode tokenizer, JsonNode tokenizerConfig, LlamaConfig config) {
    JsonNode model = tokenizer.path("model");
    String type = model.path("type").asString("");
    boolean byteFallback = model.path("byte_fallback").asBoolean(false);
    boolean byteLevel = mentions(tokenizer.path("pre_tokenizer"), "ByteLevel");
    boolean sentencePiece =
        byteFallback
            || mentions(tokenizer.path("pre_tokenizer"), "Metaspace")
            || tokenizer.path("normalizer").toString().contains("\u2581");

    Map<Integer, String> byId = new HashMap<>();
    Map<Integer, Float> scoreById = new HashMap<>();
    List<String> merges = new ArrayList<>();
    String ggmlModel;
    if (type.equals("Unigram")) {
      ggmlModel = "llama";
      int id = 0;
      for (JsonNode entry : model.path("vocab")) {
        byId.put(id, entry.get(0).asString());
        scoreById.put(id, (float) entry.get(1).asDouble());
        id++;
      }
    } else if (type.equals("BPE")) {
      for (Map.Entry<String, JsonNode> e : model.path("vocab").properties()) {
        byId.put(e.getValue().asInt(), e.getKey());
      }
      for (JsonNode merge : model.path("merges")) {
        merges.add(
            merge.isArray()
                ? merge.get(0).asString() + " " + merge.get(1).asString()
                : merge.asString());
      }
      if (byteLevel) {
        ggmlModel = "gpt2";
      } else if (sentencePiece) {
        ggmlModel = "llama";
        Map<String, Integer> rankOf = new HashMap<>();
        for (int r = 0; r < merges.size(); r++) {
          rankOf.putIfAbsent(merges.get(r).replace(" ", ""), r);
        }
        byId.forEach(
            (id, text) -> {
              Integer rank = rankOf.get(text);
              scoreById.put(id, rank != null ? -(float) rank : multiChar(text) ? -1e6f - id : 0f);
            });
        merges.clear();
      } else {
        throw new UnsupportedCheckpointException(
            "BPE tokenizer is neither byte-level nor SentencePiece-style; cannot map it to llama.cpp");
      }
    } else {
      throw new UnsupportedCheckpointException(
          "tokenizer model type '" + type + "' is not supported");
    }

    Set<Integer> special = new HashSet<>();
    Set<Integer> added = new HashSet<>();
    for (JsonNode t : tokenizer.path("added_tokens")) {
      int id = t.path("id").asInt();
      byId.put(id, t.path("content").asString());
      added.add(id);
      if (t.path("special").asBoolean(false)) {
        special.add(id);
      }
    }
    int size =
        Math.max(config.vocabSize(), byId.keySet().stream().mapToInt(i -> i + 1).max().orElse(0));
    if (size > config.vocabSize()) {
      throw new UnsupportedCheckpointException(
          "tokenizer has ids up to " + (size - 1) + " but vocab_size is " + config.vocabSize());
    }
    Map<String, Integer> idOf = new HashMap<>();
    byId.forEach((id, text) -> idOf.putIfAbsent(text, id));
    String unkText = model.path("unk_token").asString(null);
    int unkId =
        type.equals("Unigram")
            ? model.path("unk_id").asInt(-1)
            : unkText == null ? -1 : idOf.getOrDefault(unkText, -1);

    List<String> tokens = new ArrayList<>(size);
    float[] scores = new float[size];
    int[] types = new int[size];
    for (int id = 0; id < size; id++) {
      String text = byId.get(id);
      GgufVocabulary.TokenType tokenType;
      if (text == null) {
        text = "[PAD" + id + "]";
        tokenType = GgufVocabulary.TokenType.UNUSED;
      } else if (id == unkId) {
        tokenType = GgufVocabulary.TokenType.UNKNOWN;
      } else if (special.contains(id)) {
        tokenType = GgufVocabulary.TokenType.CONTROL;
      } else if (added.contains(id)) {
        tokenType = GgufVocabulary.TokenType.USER_DEFINED;
      } else if (byteFallback && BYTE_PIECE.matcher(text).matches()) {
        tokenType = GgufVocabulary.TokenType.BYTE;
      } else {
        tokenType = GgufVocabulary.TokenType.NORMAL;
      }
      tokens.add(text);
      scores[id] = scoreById.getOrDefault(id, 0f);
      types[id] = tokenType.id();
    }

    int bos = specialId(tokenizerConfig, "bos_token", idOf, config.bosTokenId());
    int eos =
        specialId(
            tokenizerConfig,
            "eos_token",
            idOf,
            config.eosTokenIds().isEmpty() ? -1 : config.eosTokenIds().get(0));
    int pad = specialId(tokenizerConfig, "pad_token", idOf, -1);
    boolean addBos =
        tokenizerConfig.has("add_bos_token")
            ? tokenizerConfig.path("add_bos_token").asBoolean()
            : bos >= 0
                && (ggmlModel.equals("llama") || postProcessorAdds(tokenizer, byId.get(bos)));
    boolean addEos = tokenizerConfig.path("add_eos_token").asBoolean(false);
    boolean addSpacePrefix = ggmlModel.equals("llama") && prependsSpace(tokenizer);
    String pre = ggmlModel.equals("gpt2") ? preTokenizerName(tokenizer) : "default";
    return new GgufVocabulary(
        ggmlModel,
        pre,
        tokens,
        scores,
        types,
        merges,
        bos,
        eos,
        unkId,
        pad,
        addBos,
        addEos,
        addSpacePrefix);
  }

  private static boolean multiChar(String text) {
    return text.codePointCount(0, text.length()) > 1;
  }

  private static boolean mentions(JsonNode node, String type) {
    return !node.isMissingNode() && node.toString().contains("\"" + type + "\"");
  }

  private static boolean prependsSpace(JsonNode tokenizer) {
    JsonNode pre = tokenizer.path("pre_tokenizer");
    if (mentions(pre, "Metaspace")) {
      return !pre.toString().contains("\"never\"")
          && !pre.toString().contains("\"add_prefix_space\":false");
    }
    return mentions(tokenizer.path("normalizer"), "Prepend");
  }

  private static boolean postProcessorAdds(JsonNode tokenizer, String bosText) {
    return bosText != null
        && tokenizer.path("post_processor").toString().contains("\"" + bosText + "\"");
  }

  private static String preTokenizerName(JsonNode tokenizer) {
    String pre = tokenizer.path("pre_tokenizer").toString();
    if (pre.contains("\\\\p{N}{1,3}")) {
      return "llama-bpe";
    }
    return "default";
  }

  private static int specialId(
      JsonNode tokenizerConfig, String field, Map<String, Integer> idOf, int fallback) {
    JsonNode node = tokenizerConfig.path(field);
    String text =
        node.isObject()
            ? node.path("content").asString(null)
            : node.isString() ? node.asString() : null;
    if (text != null && idOf.containsKey(text)) {
      return idOf.get(text);
    }
    return fallback;
  }
}
