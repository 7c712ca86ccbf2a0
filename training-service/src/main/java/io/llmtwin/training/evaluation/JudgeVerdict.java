package io.llmtwin.training.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge's scores for one answer: accuracy and style, each 1 (poor) to 3 (excellent).
 *
 * @param accuracy 1–3
 * @param style 1–3
 */
public record JudgeVerdict(int accuracy, int style) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}", Pattern.DOTALL);

  /** Validates the range. */
  public JudgeVerdict {
    if (accuracy < 1 || accuracy > 3 || style < 1 || style > 3) {
      throw new IllegalArgumentException("judge scores must be 1..3");
    }
  }

  /**
   * Reads the first JSON object in a judge's answer that holds both scores: tolerates code fences,
   * prose around it, key case, and scores written as numbers or numeric strings ({@code "3"},
   * {@code 3.0}). Anything else (missing key, out of range, fractional, words) is not guessed:
   * empty.
   */
  public static Optional<JudgeVerdict> parse(String answer) {
    if (answer == null) {
      return Optional.empty();
    }
    Matcher m = OBJECT.matcher(answer);
    while (m.find()) {
      JsonNode node;
      try {
        node = JSON.readTree(m.group());
      } catch (java.io.IOException e) {
        continue;
      }
      Integer accuracy = score(field(node, "accuracy"));
      Integer style = score(field(node, "style"));
      if (accuracy != null && style != null) {
        return Optional.of(new JudgeVerdict(accuracy, style));
      }
    }
    return Optional.empty();
  }

  private static JsonNode field(JsonNode node, String name) {
    var fields = node.properties();
    for (var e : fields) {
      if (e.getKey().trim().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Integer score(JsonNode value) {
    if (value == null) {
      return null;
    }
    double d;
    if (value.isNumber()) {
      d = value.asDouble();
    } else if (value.isTextual() && value.asText().trim().matches("[0-9]+(\\.0+)?")) {
      d = Double.parseDouble(value.asText().trim());
    } else {
      return null;
    }
    if (d != Math.rint(d) || d < 1 || d > 3) {
      return null;
    }
    return (int) d;
  }
}
