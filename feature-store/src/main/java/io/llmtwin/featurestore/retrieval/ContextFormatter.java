package io.llmtwin.featurestore.retrieval;

import dev.langchain4j.model.TokenCountEstimator;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats retrieved chunks as numbered sources for a prompt, within a token budget.
 *
 * <p>Each source is a header line {@code [n] title — type, platform, date, link} followed by the
 * chunk text. Sources are added in rank order while the whole text stays within the budget; the
 * first one that does not fit ends the context (never cut inside a chunk, so no half sentences and
 * no half code blocks). Chunks of the same document keep separate numbers. Tokens are counted with
 * the given {@link TokenCountEstimator} (use the generating model's tokenizer where available).
 */
public final class ContextFormatter {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  /** Budget of {@link #format(List)} unless another is given. */
  public static final int DEFAULT_TOKEN_BUDGET = 1024;

  private final TokenCountEstimator tokens;
  private final int defaultBudget;

  public ContextFormatter(TokenCountEstimator tokens) {
    this(tokens, DEFAULT_TOKEN_BUDGET);
  }

  /**
   * @param tokens counts tokens, ideally with the generating model's tokenizer
   * @param defaultBudget budget of {@link #format(List)}
   */
  public ContextFormatter(TokenCountEstimator tokens, int defaultBudget) {
    if (defaultBudget < 1) {
      throw new IllegalArgumentException("token budget must be positive");
    }
    this.tokens = tokens;
    this.defaultBudget = defaultBudget;
  }

  /** Formats within the default budget ({@code llmtwin.retrieval.context.token-budget}). */
  public PromptContext format(List<RetrievedChunk> chunks) {
    return format(chunks, defaultBudget);
  }

  /** Formats as many of {@code chunks} (best first) as fit into {@code tokenBudget} tokens. */
  public PromptContext format(List<RetrievedChunk> chunks, int tokenBudget) {
    if (tokenBudget < 1) {
      throw new IllegalArgumentException("token budget must be positive");
    }
    StringBuilder text = new StringBuilder();
    List<RetrievedChunk> included = new ArrayList<>();
    int used = 0;
    for (RetrievedChunk chunk : chunks) {
      String block = (included.isEmpty() ? "" : "\n\n") + source(included.size() + 1, chunk);
      int cost = tokens.estimateTokenCountInText(block);
      if (used + cost > tokenBudget) {
        break;
      }
      text.append(block);
      used += cost;
      included.add(chunk);
    }
    return new PromptContext(text.toString(), included, used, chunks.size() - included.size());
  }

  static String source(int number, RetrievedChunk chunk) {
    StringBuilder header = new StringBuilder("[").append(number).append("] ");
    header.append(chunk.title() == null || chunk.title().isBlank() ? "untitled" : chunk.title());
    header.append(" — ").append(chunk.type().key()).append(", ").append(chunk.platform().key());
    if (chunk.publishedAt() != null) {
      header.append(", ").append(DAY.format(chunk.publishedAt()));
    }
    if (chunk.link() != null && !chunk.link().isBlank()) {
      header.append(", ").append(chunk.link());
    }
    return header.append('\n').append(chunk.text().strip()).toString();
  }
}
