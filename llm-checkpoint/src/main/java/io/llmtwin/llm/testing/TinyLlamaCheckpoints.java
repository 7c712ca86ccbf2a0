package io.llmtwin.llm.testing;

import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.GenerationConfig;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.checkpoint.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes tiny random-weight Llama-family checkpoints in exactly the Hugging Face layout ({@code
 * config.json}, {@code generation_config.json}, {@code model.safetensors} or shards, {@code
 * tokenizer.json}, {@code tokenizer_config.json}), so that every module can test model code
 * offline, with DJL's tokenizer (llm-core) as well as converted to GGUF and served by llama.cpp
 * (inference-service).
 *
 * <p>The tokenizer is SentencePiece-style BPE with byte fallback, the form Llama 2 ships: pieces
 * carry {@code ▁} for a leading space, and any character outside the vocabulary is spelled as its
 * UTF-8 bytes {@code <0x00>}..{@code <0xFF>}, so every text (newlines, accents, emoji) encodes and
 * decodes. Hugging Face's tokenizer lower-cases and splits on whitespace and punctuation first, so
 * each word of {@link #WORDS} (and each extra word) is one token {@code ▁word}, as with a
 * word-level vocabulary. The ids are:
 *
 * <ol>
 *   <li>0–3 {@code <unk> <s> </s> <pad>} (special);
 *   <li>{@code ▁} and every character of the words;
 *   <li>{@code ▁word} for each word;
 *   <li>the 256 byte tokens, when they fit into {@code vocab_size} (see below);
 *   <li>the intermediate merges of each word ({@code ▁b ▁be ▁bel ▁belo} for {@code ▁below}), so a
 *       merge-based tokenizer such as llama.cpp's also finds the whole word, as room permits;
 *   <li>filler tokens {@code tokN} up to {@code vocab_size}.
 * </ol>
 *
 * A vocabulary too small for all 256 byte tokens gets none (and no byte fallback: unknown
 * characters map to {@code <unk>}, and llama.cpp cannot serve it); {@link #tinyConfig()} leaves
 * room for everything. llama.cpp does not lower-case or split like the Hugging Face pre-tokenizer,
 * so it tokenizes upper-case letters as bytes and punctuation glued to a word without {@code ▁}.
 */
public final class TinyLlamaCheckpoints {

  /** Id of the unknown token. */
  public static final int UNK = 0;

  /** Id of the beginning-of-sequence token. */
  public static final int BOS = 1;

  /** Id of the end-of-sequence token. */
  public static final int EOS = 2;

  /** Id of the padding token. */
  public static final int PAD = 3;

  /** SentencePiece's stand-in for a space ({@code U+2581}). */
  public static final String SPACE = "\u2581";

  /** Number of byte-fallback tokens. */
  public static final int BYTE_TOKENS = 256;

  private static final List<String> SPECIALS = List.of("<unk>", "<s>", "</s>", "<pad>");

  /** Words every generated vocabulary contains (after the four special tokens). */
  public static final List<String> WORDS =
      List.of(
          "###",
          ":",
          ".",
          ",",
          "?",
          "!",
          "'",
          "-",
          "0",
          "1",
          "2",
          "3",
          "4",
          "5",
          "6",
          "7",
          "8",
          "9",
          "below",
          "is",
          "an",
          "instruction",
          "that",
          "describes",
          "a",
          "task",
          "write",
          "response",
          "appropriately",
          "completes",
          "the",
          "request",
          "input",
          "context",
          "with",
          "paired",
          "provides",
          "further",
          "of",
          "to",
          "and",
          "in",
          "it",
          "you",
          "i",
          "we",
          "they",
          "he",
          "she",
          "my",
          "your",
          "our",
          "this",
          "what",
          "how",
          "why",
          "who",
          "when",
          "where",
          "do",
          "does",
          "did",
          "can",
          "will",
          "would",
          "should",
          "be",
          "are",
          "was",
          "were",
          "have",
          "has",
          "not",
          "no",
          "yes",
          "think",
          "know",
          "like",
          "love",
          "use",
          "build",
          "make",
          "data",
          "model",
          "code",
          "java",
          "python",
          "rust",
          "spring",
          "boot",
          "training",
          "vector",
          "search",
          "database",
          "article",
          "post",
          "blog",
          "answer",
          "question",
          "tell",
          "me",
          "about",
          "explain",
          "summarize",
          "short",
          "long",
          "good",
          "bad",
          "great",
          "simple",
          "fast",
          "slow",
          "always",
          "never",
          "often",
          "because",
          "so",
          "but",
          "or",
          "if",
          "then",
          "for",
          "on",
          "at",
          "by",
          "from",
          "as",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "red",
          "green",
          "blue",
          "cat",
          "dog",
          "bird",
          "fish",
          "sun",
          "moon",
          "star",
          "well",
          "really",
          "just",
          "very",
          "much",
          "more",
          "most",
          "best",
          "color",
          "animal",
          "number",
          "name",
          "favorite",
          "reverse",
          "repeat",
          "count",
          "say",
          "writing",
          "voice",
          "author",
          "s",
          "own",
          "ground",
          "factual",
          "claims",
          "given",
          "insufficient",
          "sources",
          "source");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * How to generate a checkpoint.
   *
   * @param initStd standard deviation of the random weights (0.02 is the Hugging Face default; a
   *     larger value gives the tiny models sharper logits, which makes training effects visible)
   * @param extraWords words to add to the vocabulary after {@link #WORDS}
   * @param dtype storage type of the weights
   * @param maxShardBytes when positive, write a sharded checkpoint with shards of at most this size
   */
  public record Options(
      double initStd, List<String> extraWords, TensorDType dtype, long maxShardBytes) {

    /** Copies the word list. */
    public Options {
      extraWords = List.copyOf(extraWords);
    }

    /** Defaults: std 0.1, no extra words, F32, single file. */
    public static Options defaults() {
      return new Options(0.1, List.of(), TensorDType.F32, 0);
    }

    /** Copy with another storage dtype. */
    public Options withDtype(TensorDType d) {
      return new Options(initStd, extraWords, d, maxShardBytes);
    }

    /** Copy that writes shards of at most {@code bytes}. */
    public Options sharded(long bytes) {
      return new Options(initStd, extraWords, dtype, bytes);
    }

    /** Copy with another init std. */
    public Options withInitStd(double std) {
      return new Options(std, extraWords, dtype, maxShardBytes);
    }
  }

  private TinyLlamaCheckpoints() {}

  /**
   * A 2-layer GQA Llama: vocab 896 (room for {@link #WORDS}, their merges and the byte tokens), dim
   * 64, 4 query heads, 2 key/value heads, ff 128.
   */
  public static LlamaConfig tinyConfig() {
    return LlamaConfig.llama(896, 64, 128, 2, 4, 2);
  }

  /** Writes a checkpoint with {@link Options#defaults()}. */
  public static HfCheckpoint write(Path dir, LlamaConfig config, long seed) {
    return write(dir, config, seed, Options.defaults());
  }

  /** Writes a checkpoint into {@code dir} (created if needed) and returns it opened. */
  public static HfCheckpoint write(Path dir, LlamaConfig config, long seed, Options options) {
    return write(dir, config, randomWeights(config, seed, options.initStd()), options);
  }

  /**
   * Writes a checkpoint with the given weights (for tests that derive one model from another) and
   * the generated tokenizer; {@link Options#initStd()} is not used.
   */
  public static HfCheckpoint write(
      Path dir, LlamaConfig config, Map<String, HostTensor> weights, Options options) {
    Vocabulary vocab = vocabulary(config.vocabSize(), options.extraWords());
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(LlamaConfig.FILE), config.toJson());
      GenerationConfig gen =
          new GenerationConfig(false, 1.0, 1.0, 64, config.bosTokenId(), config.eosTokenIds());
      Files.writeString(dir.resolve(GenerationConfig.FILE), gen.toJson());
      Files.writeString(dir.resolve(HfCheckpoint.TOKENIZER_FILE), tokenizerJson(vocab));
      Files.writeString(
          dir.resolve(HfCheckpoint.TOKENIZER_CONFIG_FILE),
          tokenizerConfigJson(config.maxPositionEmbeddings()));
    } catch (IOException e) {
      throw new CheckpointException("cannot write tiny checkpoint to " + dir, e);
    }
    if (options.maxShardBytes() > 0) {
      Safetensors.writeSharded(dir, weights, options.dtype(), options.maxShardBytes());
    } else {
      Safetensors.write(
          dir.resolve(Safetensors.MODEL_FILE), weights, options.dtype(), Map.of("format", "pt"));
    }
    return HfCheckpoint.open(dir);
  }

  /**
   * The tokens of a generated vocabulary (index = token id) and its BPE merges ({@code "left
   * right"}, highest priority first).
   *
   * @param tokens token texts, index = id
   * @param merges merges in rank order
   * @param byteFallback whether all 256 byte tokens are present
   */
  public record Vocabulary(List<String> tokens, List<String> merges, boolean byteFallback) {

    /** Copies the lists. */
    public Vocabulary {
      tokens = List.copyOf(tokens);
      merges = List.copyOf(merges);
    }

    /** The id of a token text, or -1. */
    public int id(String token) {
      return tokens.indexOf(token);
    }
  }

  /** The vocabulary a checkpoint of this size gets (see the class comment for the layout). */
  public static Vocabulary vocabulary(int vocabSize, List<String> extraWords) {
    Set<String> words = new LinkedHashSet<>(WORDS);
    extraWords.forEach(w -> words.add(w.toLowerCase(Locale.ROOT)));
    words.removeIf(w -> w.isBlank() || w.codePoints().anyMatch(Character::isWhitespace));
    Set<String> tokens = new LinkedHashSet<>(SPECIALS);
    tokens.add(SPACE);
    words.forEach(w -> w.codePoints().forEach(c -> tokens.add(new String(Character.toChars(c)))));
    words.forEach(w -> tokens.add(SPACE + w));
    boolean bytes = tokens.size() + BYTE_TOKENS <= vocabSize;
    if (bytes) {
      for (int b = 0; b < BYTE_TOKENS; b++) {
        tokens.add(byteToken(b));
      }
      for (String w : words) {
        String piece = SPACE + w;
        for (int end = piece.offsetByCodePoints(0, 2);
            end < piece.length() && tokens.size() < vocabSize;
            end = piece.offsetByCodePoints(end, 1)) {
          tokens.add(piece.substring(0, end));
        }
      }
    }
    List<String> out = new ArrayList<>(tokens);
    if (out.size() > vocabSize) {
      out = out.subList(0, vocabSize);
    }
    for (int i = 0; out.size() < vocabSize; i++) {
      out.add("tok" + i);
    }
    Set<String> present = new HashSet<>(out);
    List<String> merges = new ArrayList<>();
    // shorter pieces merge first, as in a trained BPE: a merge's parts come from earlier merges
    List<String> byLength = new ArrayList<>(out);
    byLength.sort(Comparator.comparingInt(t -> t.codePointCount(0, t.length())));
    for (String t : byLength) {
      if (t.startsWith(SPACE) && t.codePointCount(0, t.length()) > 1) {
        int last = t.offsetByCodePoints(t.length(), -1);
        String left = t.substring(0, last);
        String right = t.substring(last);
        if (present.contains(left) && present.contains(right)) {
          merges.add(left + " " + right);
        }
      }
    }
    return new Vocabulary(out, merges, bytes);
  }

  /** The byte-fallback token of byte {@code b}, e.g. {@code <0x0A>} for a newline. */
  public static String byteToken(int b) {
    return String.format(Locale.ROOT, "<0x%02X>", b);
  }

  /** Random weights under Hugging Face tensor names. */
  public static Map<String, HostTensor> randomWeights(LlamaConfig c, long seed, double std) {
    Random rnd = new Random(seed);
    Map<String, HostTensor> w = new LinkedHashMap<>();
    int h = c.hiddenSize();
    int q = c.numAttentionHeads() * c.headDim();
    int kv = c.numKeyValueHeads() * c.headDim();
    w.put("model.embed_tokens.weight", normal(rnd, std, c.vocabSize(), h));
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      w.put(p + "input_layernorm.weight", around(rnd, 1.0, 0.1, h));
      w.put(p + "self_attn.q_proj.weight", normal(rnd, std, q, h));
      w.put(p + "self_attn.k_proj.weight", normal(rnd, std, kv, h));
      w.put(p + "self_attn.v_proj.weight", normal(rnd, std, kv, h));
      w.put(p + "self_attn.o_proj.weight", normal(rnd, std, h, q));
      if (c.qkvBias()) {
        w.put(p + "self_attn.q_proj.bias", around(rnd, 0, std, q));
        w.put(p + "self_attn.k_proj.bias", around(rnd, 0, std, kv));
        w.put(p + "self_attn.v_proj.bias", around(rnd, 0, std, kv));
      }
      if (c.outputBias()) {
        w.put(p + "self_attn.o_proj.bias", around(rnd, 0, std, h));
      }
      w.put(p + "post_attention_layernorm.weight", around(rnd, 1.0, 0.1, h));
      w.put(p + "mlp.gate_proj.weight", normal(rnd, std, c.intermediateSize(), h));
      w.put(p + "mlp.up_proj.weight", normal(rnd, std, c.intermediateSize(), h));
      w.put(p + "mlp.down_proj.weight", normal(rnd, std, h, c.intermediateSize()));
    }
    w.put("model.norm.weight", around(rnd, 1.0, 0.1, h));
    if (!c.tieWordEmbeddings()) {
      w.put("lm_head.weight", normal(rnd, std, c.vocabSize(), h));
    }
    return w;
  }

  private static HostTensor normal(Random rnd, double std, int rows, int cols) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextGaussian() * std);
    }
    return new HostTensor(new long[] {rows, cols}, d);
  }

  private static HostTensor around(Random rnd, double mean, double std, int n) {
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = (float) (mean + rnd.nextGaussian() * std);
    }
    return new HostTensor(new long[] {n}, d);
  }

  /**
   * A Llama-style {@code tokenizer.json} for {@code vocab}: BPE with byte fallback and {@code
   * ignore_merges} (a whole word in the vocabulary is one token even without its merges),
   * lower-casing, whitespace/punctuation splitting with a {@code ▁} before each piece, and Llama's
   * decoder ({@code ▁} to space, bytes to text, first space stripped).
   */
  public static String tokenizerJson(Vocabulary vocab) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < SPECIALS.size() && i < vocab.tokens().size(); i++) {
      ObjectNode t = added.addObject();
      t.put("id", i);
      t.put("content", vocab.tokens().get(i));
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    root.putObject("normalizer").put("type", "Lowercase");
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "Sequence");
    ArrayNode pres = pre.putArray("pretokenizers");
    pres.addObject().put("type", "Whitespace");
    pres.addObject()
        .put("type", "Metaspace")
        .put("replacement", SPACE)
        .put("prepend_scheme", "always")
        .put("split", false);
    root.putNull("post_processor");
    ObjectNode decoder = root.putObject("decoder");
    decoder.put("type", "Sequence");
    ArrayNode decoders = decoder.putArray("decoders");
    ObjectNode replace = decoders.addObject().put("type", "Replace");
    replace.putObject("pattern").put("String", SPACE);
    replace.put("content", " ");
    decoders.addObject().put("type", "ByteFallback");
    decoders.addObject().put("type", "Fuse");
    decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.put("unk_token", "<unk>");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", true);
    model.put("byte_fallback", vocab.byteFallback());
    model.put("ignore_merges", true);
    ObjectNode v = model.putObject("vocab");
    for (int i = 0; i < vocab.tokens().size(); i++) {
      v.put(vocab.tokens().get(i), i);
    }
    ArrayNode merges = model.putArray("merges");
    vocab.merges().forEach(merges::add);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  /** A {@code tokenizer_config.json} naming the special tokens; BOS is added, EOS is not. */
  public static String tokenizerConfigJson(int maxLength) {
    ObjectNode n = JSON.createObjectNode();
    n.put("tokenizer_class", "LlamaTokenizerFast");
    n.put("add_bos_token", true);
    n.put("add_eos_token", false);
    n.put("unk_token", SPECIALS.get(UNK));
    n.put("bos_token", SPECIALS.get(BOS));
    n.put("eos_token", SPECIALS.get(EOS));
    n.put("pad_token", SPECIALS.get(PAD));
    n.put("model_max_length", maxLength);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
  }
}
