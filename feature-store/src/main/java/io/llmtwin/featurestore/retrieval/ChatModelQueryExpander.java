package io.llmtwin.featurestore.retrieval;

import dev.langchain4j.model.chat.ChatModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link QueryExpander} asking a LangChain4j {@link ChatModel} (any OpenAI-compatible endpoint
 * through {@code langchain4j-open-ai}) for rewrites, one per line. Numbering, bullets, quotes and
 * preamble lines ending in a colon are stripped, duplicates and the original dropped. A failing
 * model yields no rewrites (logged), so retrieval degrades to the original query instead of
 * failing.
 */
public final class ChatModelQueryExpander implements QueryExpander {
  private static final Logger log = LoggerFactory.getLogger(ChatModelQueryExpander.class);
  private static final Pattern LIST_MARKER =
      Pattern.compile("^\\s*(?:[-*•]|\\d+[.)]|\\(\\d+\\))\\s*");
  private static final int MAX_REWRITE_CHARS = 500;

  private final ChatModel model;

  public ChatModelQueryExpander(ChatModel model) {
    this.model = model;
  }

  @Override
  public List<String> expand(String query, int count) {
    if (count < 1) {
      return List.of();
    }
    String answer;
    try {
      answer = model.chat(prompt(query, count));
    } catch (RuntimeException e) {
      log.warn("Query expansion failed, searching the original query only: {}", e.toString());
      return List.of();
    }
    return parse(query, answer, count);
  }

  static String prompt(String query, int count) {
    return ("You are helping a search engine over a person's articles, social posts and code."
            + " Write %d different rewrites of the search query below that keep its meaning but use"
            + " other words, so that documents phrased differently are found too. Answer with the"
            + " rewrites only, one per line, without numbering or explanations.%n%nQuery: %s")
        .formatted(count, query);
  }

  static List<String> parse(String query, String answer, int count) {
    if (answer == null) {
      return List.of();
    }
    String original = normalise(query);
    Set<String> seen = new LinkedHashSet<>();
    List<String> rewrites = new ArrayList<>();
    for (String line : answer.split("\\R")) {
      String rewrite = LIST_MARKER.matcher(line).replaceFirst("").strip();
      if (rewrite.length() > 1 && rewrite.startsWith("\"") && rewrite.endsWith("\"")) {
        rewrite = rewrite.substring(1, rewrite.length() - 1).strip();
      }
      if (rewrite.isEmpty() || rewrite.endsWith(":") || rewrite.length() > MAX_REWRITE_CHARS) {
        continue;
      }
      String key = normalise(rewrite);
      if (key.equals(original) || !seen.add(key)) {
        continue;
      }
      rewrites.add(rewrite);
      if (rewrites.size() == count) {
        break;
      }
    }
    return rewrites;
  }

  private static String normalise(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
