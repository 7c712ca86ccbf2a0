package io.llmtwin.training.dataset;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a chat model (any OpenAI-compatible endpoint through LangChain4j) in batches, with few-shot
 * examples, for the instruction behind each extract. Answers are parsed leniently (code fences,
 * prose around the JSON array, trailing commas, single quotes); extracts missing from an answer are
 * asked again up to {@code retries} times; whatever is still missing gets an offline instruction
 * and is counted as a failure.
 */
final class ChatModelInstructionGenerator implements InstructionGenerator {
  private static final Logger log = LoggerFactory.getLogger(ChatModelInstructionGenerator.class);
  private static final int EXCERPT = 1200;

  static final String SYSTEM =
      """
      You write the instruction a person would give a writer to obtain a given text.
      Answer ONLY with a JSON array of objects {"id": <the id>, "instruction": <one sentence>}, one per text.
      Examples:
      Text [a1]: "Rust's borrow checker felt like a strict teacher at first..."
      -> {"id": "a1", "instruction": "Write a blog section about learning Rust's borrow checker."}
      Text [p1]: "Thrilled to share that our team shipped the new search feature today!"
      -> {"id": "p1", "instruction": "Write a LinkedIn post announcing that your team shipped a new search feature."}
      """;

  private final ChatModel model;
  private final int batchSize;
  private final int retries;
  private final OfflineInstructionSynthesizer fallback = new OfflineInstructionSynthesizer();
  private final ObjectMapper json =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .build();

  ChatModelInstructionGenerator(ChatModel model, int batchSize, int retries) {
    this.model = model;
    this.batchSize = batchSize;
    this.retries = retries;
  }

  @Override
  public String name() {
    return "chat-model";
  }

  @Override
  public Generated generate(List<Extract> extracts) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (int from = 0; from < extracts.size(); from += batchSize) {
      List<Extract> pending =
          new ArrayList<>(extracts.subList(from, Math.min(extracts.size(), from + batchSize)));
      for (int attempt = 0; attempt <= retries && !pending.isEmpty(); attempt++) {
        Map<String, String> got = ask(pending);
        answers.putAll(got);
        pending.removeIf(e -> got.containsKey(e.id()));
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    int failures = 0;
    for (Extract e : extracts) {
      String answer = answers.get(e.id());
      if (answer == null) {
        failures++;
        answer = fallback.instruction(e);
      }
      out.put(e.id(), answer);
    }
    if (failures > 0) {
      log.warn(
          "chat model gave no usable instruction for {} of {} extracts", failures, extracts.size());
    }
    return new Generated(out, failures);
  }

  private Map<String, String> ask(List<Extract> batch) {
    StringBuilder user = new StringBuilder("Texts:\n");
    for (Extract e : batch) {
      String text = e.text().length() > EXCERPT ? e.text().substring(0, EXCERPT) : e.text();
      user.append("Text [").append(e.id()).append("]: \"").append(text).append("\"\n");
    }
    try {
      String answer =
          model
              .chat(SystemMessage.from(SYSTEM), UserMessage.from(user.toString()))
              .aiMessage()
              .text();
      return parse(answer, batch);
    } catch (RuntimeException e) {
      log.warn("chat model call failed for a batch of {}: {}", batch.size(), e.toString());
      return Map.of();
    }
  }

  /** The usable {id, instruction} pairs of {@code answer} for ids of {@code batch}. */
  Map<String, String> parse(String answer, List<Extract> batch) {
    Map<String, String> out = new LinkedHashMap<>();
    if (answer == null) {
      return out;
    }
    int start = answer.indexOf('[');
    int end = answer.lastIndexOf(']');
    if (start < 0 || end <= start) {
      return out;
    }
    JsonNode array;
    try {
      array = json.readTree(answer.substring(start, end + 1));
    } catch (Exception e) {
      return parseObjects(answer.substring(start + 1, end), batch);
    }
    collect(array, batch, out);
    return out;
  }

  /** When the array as a whole is broken, keep every object in it that parses on its own. */
  private Map<String, String> parseObjects(String body, List<Extract> batch) {
    Map<String, String> out = new LinkedHashMap<>();
    int depth = 0;
    int open = -1;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '{' && depth++ == 0) {
        open = i;
      } else if (c == '}' && depth > 0 && --depth == 0) {
        try {
          collect(json.readTree("[" + body.substring(open, i + 1) + "]"), batch, out);
        } catch (Exception ignored) {
          // this object is broken; the extract is retried or counted as a failure
        }
      }
    }
    return out;
  }

  private static void collect(JsonNode array, List<Extract> batch, Map<String, String> out) {
    if (array == null || !array.isArray()) {
      return;
    }
    for (JsonNode node : array) {
      String id = node.path("id").asText("");
      String instruction = node.path("instruction").asText("").strip();
      boolean known = batch.stream().anyMatch(e -> e.id().equals(id));
      if (known && !instruction.isEmpty()) {
        out.put(id, instruction);
      }
    }
  }
}
