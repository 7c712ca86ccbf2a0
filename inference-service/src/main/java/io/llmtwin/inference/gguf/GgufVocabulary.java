package io.llmtwin.inference.gguf;

import java.util.List;

/**
 * A tokenizer in the form llama.cpp reads from {@code tokenizer.ggml.*} metadata.
 *
 * @param model {@code "llama"} (SentencePiece-style, scored pieces with {@code ▁} for spaces) or
 *     {@code "gpt2"} (byte-level BPE with merges)
 * @param pre the pre-tokenizer name for {@code "gpt2"} vocabularies ({@code "default"}, {@code
 *     "llama-bpe"}, ...); ignored for {@code "llama"}
 * @param tokens token texts, index = id
 * @param scores one score per token (SentencePiece merge priority: higher merges first)
 * @param tokenTypes one {@link TokenType} id per token
 * @param merges BPE merges as {@code "left right"} (empty for {@code "llama"})
 * @param bosId beginning-of-sequence id or -1
 * @param eosId end-of-sequence id or -1
 * @param unkId unknown-token id or -1
 * @param padId padding id or -1
 */
public record GgufVocabulary(
    String model,
    String pre,
    List<String> tokens,
    float[] scores,
    int[] tokenTypes,
    List<String> merges,
    int bosId,
    int eosId,
    int unkId,
    int padId,
    boolean addBos,
    boolean addEos,
    boolean addSpacePrefix) {

  /** llama.cpp's token type ids. */
  public enum TokenType {
    NORMAL(1),
    UNKNOWN(2),
    CONTROL(3),
    USER_DEFINED(4),
    UNUSED(5),
    BYTE(6);

    private final int id;

    TokenType(int id) {
      this.id = id;
    }

    /** The id stored in {@code tokenizer.ggml.token_type}. */
    public int id() {
      return id;
    }
  }

  /** Checks that per-token arrays line up. */
  public GgufVocabulary {
    tokens = List.copyOf(tokens);
    merges = List.copyOf(merges);
    if (scores.length != tokens.size() || tokenTypes.length != tokens.size()) {
      throw new IllegalArgumentException("scores and token types must have one entry per token");
    }
    if (!model.equals("llama") && !model.equals("gpt2")) {
      throw new IllegalArgumentException("tokenizer model must be llama or gpt2: " + model);
    }
  }

  /** Number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** Writes the {@code tokenizer.ggml.*} keys. */
  void writeTo(GgufWriter writer) {
    writer.put("tokenizer.ggml.model", model);
    if (model.equals("gpt2")) {
      writer.put("tokenizer.ggml.pre", pre);
    }
    writer.put("tokenizer.ggml.tokens", tokens.toArray(String[]::new));
    writer.put("tokenizer.ggml.scores", scores);
    writer.put("tokenizer.ggml.token_type", tokenTypes);
    if (!merges.isEmpty()) {
      writer.put("tokenizer.ggml.merges", merges.toArray(String[]::new));
    }
    putId(writer, "tokenizer.ggml.bos_token_id", bosId);
    putId(writer, "tokenizer.ggml.eos_token_id", eosId);
    putId(writer, "tokenizer.ggml.unknown_token_id", unkId);
    putId(writer, "tokenizer.ggml.padding_token_id", padId);
    writer.put("tokenizer.ggml.add_bos_token", addBos);
    writer.put("tokenizer.ggml.add_eos_token", addEos);
    if (model.equals("llama")) {
      writer.put("tokenizer.ggml.add_space_prefix", addSpacePrefix);
    }
  }

  private static void putId(GgufWriter writer, String key, int id) {
    if (id >= 0) {
      writer.put(key, id);
    }
  }
}
