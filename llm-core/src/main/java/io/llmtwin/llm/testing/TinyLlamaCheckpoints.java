package io.llmtwin.llm.testing;

import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.GenerationConfig;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.checkpoint.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes tiny random-weight Llama-family checkpoints in exactly the Hugging Face layout ({@code
 * config.json}, {@code generation_config.json}, {@code model.safetensors} or shards, {@code
 * tokenizer.json}), so that every module can test model code offline. The tokenizer is a
 * lower-casing word-level vocabulary: ids 0–3 are {@code <unk> <s> </s> <pad>}, then {@link
 * #WORDS}, extra words, then filler tokens up to {@code vocab_size}.
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

  /** A 2-layer GQA Llama: vocab 256, dim 64, 4 query heads, 2 key/value heads, ff 128. */
  public static LlamaConfig tinyConfig() {
    return LlamaConfig.llama(256, 64, 128, 2, 4, 2);
  }

  /** Writes a checkpoint with {@link Options#defaults()}. */
  public static HfCheckpoint write(Path dir, LlamaConfig config, long seed) {
    return write(dir, config, seed, Options.defaults());
  }

  /** Writes a checkpoint into {@code dir} (created if needed) and returns it opened. */
  public static HfCheckpoint write(Path dir, LlamaConfig config, long seed, Options options) {
    List<String> vocab = vocabulary(config.vocabSize(), options.extraWords());
    Map<String, HostTensor> weights = randomWeights(config, seed, options.initStd());
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(LlamaConfig.FILE), config.toJson());
      GenerationConfig gen =
          new GenerationConfig(false, 1.0, 1.0, 64, config.bosTokenId(), config.eosTokenIds());
      Files.writeString(dir.resolve(GenerationConfig.FILE), gen.toJson());
      Files.writeString(dir.resolve(LlmTokenizer.FILE), tokenizerJson(vocab));
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

  /** The vocabulary a checkpoint of this size gets, index = token id. */
  public static List<String> vocabulary(int vocabSize, List<String> extraWords) {
    Set<String> words = new LinkedHashSet<>(List.of("<unk>", "<s>", "</s>", "<pad>"));
    words.addAll(WORDS);
    extraWords.forEach(w -> words.add(w.toLowerCase(java.util.Locale.ROOT)));
    List<String> out = new ArrayList<>(words);
    if (out.size() > vocabSize) {
      return out.subList(0, vocabSize);
    }
    for (int i = 0; out.size() < vocabSize; i++) {
      out.add("tok" + i);
    }
    return out;
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

  /** A word-level {@code tokenizer.json} that DJL's Hugging Face tokenizer loads. */
  public static String tokenizerJson(List<String> vocab) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < 4 && i < vocab.size(); i++) {
      ObjectNode t = added.addObject();
      t.put("id", i);
      t.put("content", vocab.get(i));
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    root.putObject("normalizer").put("type", "Lowercase");
    root.putObject("pre_tokenizer").put("type", "Whitespace");
    root.putNull("post_processor");
    root.putNull("decoder");
    ObjectNode model = root.putObject("model");
    model.put("type", "WordLevel");
    ObjectNode v = model.putObject("vocab");
    for (int i = 0; i < vocab.size(); i++) {
      v.put(vocab.get(i), i);
    }
    model.put("unk_token", "<unk>");
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
