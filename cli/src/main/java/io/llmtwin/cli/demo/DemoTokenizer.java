package io.llmtwin.cli.demo;

import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.model.prompt.PromptTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SentencePiece-style BPE tokenizer (Llama 2 layout: {@code ▁} for spaces, byte fallback) whose
 * merges spell every word of a text as one piece. Both engines read it: llm-core through the
 * Hugging Face tokenizers library for training, and inference-service's GGUF converter for
 * llama.cpp ({@code llama} vocabulary with {@code <0xNN>} byte tokens, so no input character is
 * ever unknown).
 */
public final class DemoTokenizer {
  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}'’_-]*|\\p{N}+");

  /** The prompt template and the instruction phrasing the twin is trained and served with. */
  private static final String TEMPLATE_TEXT =
      PromptTemplate.prompt(new InstructionSample("Write a LinkedIn post about it.", "[1] x", null))
          + "\nWrite a section of a Medium Substack LinkedIn GitHub web blog article titled about."
          + " Write the code file that deals with.";

  private final List<String> vocab = new ArrayList<>();
  private final List<String> merges = new ArrayList<>();

  private DemoTokenizer() {}

  /** Builds the vocabulary and merges for the words of {@code text}. */
  public static DemoTokenizer forText(String text) {
    DemoTokenizer t = new DemoTokenizer();
    t.build(text + "\n" + TEMPLATE_TEXT);
    return t;
  }

  private void build(String text) {
    Set<String> pieces = new LinkedHashSet<>(List.of("<unk>", "<s>", "</s>"));
    for (int b = 0; b < 256; b++) {
      pieces.add(String.format("<0x%02X>", b));
    }
    pieces.add("\u2581");
    text.codePoints().filter(c -> c != ' ').mapToObj(Character::toString).forEach(pieces::add);
    Map<String, String> mergeOf = new LinkedHashMap<>();
    Matcher m = WORD.matcher(text);
    Set<String> words = new LinkedHashSet<>();
    while (m.find()) {
      words.add(m.group());
      // instructions use lower-cased key words of the text
      words.add(m.group().toLowerCase(java.util.Locale.ROOT));
    }
    for (String word : words) {
      String left = "\u2581";
      for (int i = 0; i < word.length(); ) {
        int cp = word.codePointAt(i);
        String right = Character.toString(cp);
        String merged = left + right;
        if (!pieces.contains(merged)) {
          pieces.add(merged);
          mergeOf.put(merged, left + " " + right);
        }
        left = merged;
        i += Character.charCount(cp);
      }
    }
    vocab.addAll(pieces);
    merges.addAll(mergeOf.values());
  }

  /** Pieces, index = token id. */
  public List<String> vocabulary() {
    return List.copyOf(vocab);
  }

  /** {@code tokenizer.json}. */
  public String tokenizerJson(JsonMapper json) {
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
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
    ObjectNode normalizer = root.putObject("normalizer");
    normalizer.put("type", "Sequence");
    ArrayNode norms = normalizer.putArray("normalizers");
    norms.addObject().put("type", "Prepend").put("prepend", "\u2581");
    ObjectNode replace = norms.addObject().put("type", "Replace");
    replace.putObject("pattern").put("String", " ");
    replace.put("content", "\u2581");
    root.putNull("pre_tokenizer");
    // no post-processor: llm-core and llama.cpp add <s> themselves (tokenizer_config)
    root.putNull("post_processor");
    ObjectNode decoder = root.putObject("decoder");
    decoder.put("type", "Sequence");
    ArrayNode decoders = decoder.putArray("decoders");
    ObjectNode space = decoders.addObject().put("type", "Replace");
    space.putObject("pattern").put("String", "\u2581");
    space.put("content", " ");
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
    model.put("byte_fallback", true);
    ObjectNode v = model.putObject("vocab");
    for (int i = 0; i < vocab.size(); i++) {
      v.put(vocab.get(i), i);
    }
    ArrayNode m = model.putArray("merges");
    merges.forEach(m::add);
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  /** {@code tokenizer_config.json}: BOS added, Llama-2 special tokens. */
  public String tokenizerConfigJson(JsonMapper json) {
    ObjectNode c = json.createObjectNode();
    c.put("add_bos_token", true);
    c.put("add_eos_token", false);
    c.put("bos_token", "<s>");
    c.put("eos_token", "</s>");
    c.put("unk_token", "<unk>");
    c.put("model_max_length", 2048);
    c.put("tokenizer_class", "LlamaTokenizer");
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(c);
  }
}
