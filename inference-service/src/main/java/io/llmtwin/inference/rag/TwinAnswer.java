package io.llmtwin.inference.rag;

import io.llmtwin.inference.engine.FinishReason;
import java.util.List;

/**
 * The twin's answer to a {@link TwinRequest}.
 *
 * @param text the generated text
 * @param sources the retrieved sources given to the model, numbered as in the prompt
 * @param model the model that wrote it
 * @param usage token counts
 * @param timings where the time went
 * @param finishReason why generation ended
 */
public record TwinAnswer(
    String text,
    List<Source> sources,
    ActiveModel model,
    Usage usage,
    Timings timings,
    FinishReason finishReason) {

  /** Copies the sources. */
  public TwinAnswer {
    sources = List.copyOf(sources);
  }

  /**
   * One numbered source of the context.
   *
   * @param n its number in the prompt ({@code [n]})
   * @param title document title, may be null
   * @param link document URL, may be null
   * @param platform where it was published
   * @param type document type
   * @param score retrieval score
   */
  public record Source(
      int n, String title, String link, String platform, String type, double score) {}

  /**
   * Token counts.
   *
   * @param promptTokens tokens of the rendered prompt (the model's tokenizer when available,
   *     otherwise an estimate of four characters a token)
   * @param completionTokens tokens generated
   */
  public record Usage(int promptTokens, int completionTokens) {}

  /**
   * Timings in milliseconds, all measured from the start of the request's processing.
   *
   * @param retrievalMs time spent retrieving context (0 without RAG)
   * @param firstTokenMs until the first text was produced (total time when none was)
   * @param totalMs until the generation ended
   */
  public record Timings(long retrievalMs, long firstTokenMs, long totalMs) {}
}
