package io.llmtwin.training.dataset;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Deterministic instructions without any model: built from the document's type, platform, title and
 * its most frequent key words, e.g. {@code Write a LinkedIn post about rust, ownership and
 * lifetimes.}
 */
final class OfflineInstructionSynthesizer implements InstructionGenerator {
  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}-]{3,}");
  private static final Set<String> STOP =
      Set.of(
          "this", "that", "with", "from", "have", "your", "will", "what", "when", "which", "there",
          "their", "about", "would", "could", "should", "these", "those", "into", "than", "then",
          "they", "them", "also", "just", "more", "most", "some", "such", "only", "over", "very",
          "because", "where", "while", "here", "been", "were", "does", "like", "make", "email",
          "phone", "return", "public", "private", "static", "final", "class", "import", "void",
          "string", "null", "true", "false", "each", "every");

  @Override
  public String name() {
    return "offline";
  }

  @Override
  public Generated generate(List<Extract> extracts) {
    Map<String, String> out = new LinkedHashMap<>();
    extracts.forEach(e -> out.put(e.id(), instruction(e)));
    return new Generated(out, 0);
  }

  String instruction(Extract extract) {
    String topic = keyPhrases(extract.text());
    String platform = platformName(extract.platform());
    String title = extract.title() == null || extract.title().isBlank() ? null : extract.title();
    if (extract.type() == DocumentType.POST) {
      return "Write a " + platform + " post about " + topic + ".";
    }
    if (extract.type() == DocumentType.REPOSITORY) {
      return "Write the code "
          + (title == null ? "file" : "file " + title)
          + " that deals with "
          + topic
          + ".";
    }
    return "Write a section of a "
        + platform
        + " article"
        + (title == null ? "" : " titled \"" + title + "\"")
        + " about "
        + topic
        + ".";
  }

  static String keyPhrases(String text) {
    Map<String, Integer> counts = new TreeMap<>();
    var m = WORD.matcher(text);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (!STOP.contains(w)) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    List<String> top =
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(3)
            .map(Map.Entry::getKey)
            .toList();
    if (top.isEmpty()) {
      return "this topic";
    }
    if (top.size() == 1) {
      return top.get(0);
    }
    return top.subList(0, top.size() - 1).stream().collect(Collectors.joining(", "))
        + " and "
        + top.get(top.size() - 1);
  }

  private static String platformName(Platform platform) {
    return switch (platform) {
      case MEDIUM -> "Medium";
      case SUBSTACK -> "Substack";
      case LINKEDIN -> "LinkedIn";
      case GITHUB -> "GitHub";
      case WEB -> "blog";
    };
  }
}
