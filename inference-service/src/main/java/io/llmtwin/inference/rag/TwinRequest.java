package io.llmtwin.inference.rag;

/**
 * What the twin is asked to write.
 *
 * @param prompt what to write about, not blank
 * @param authorId whose voice and documents to use (already checked against the caller's key)
 * @param platform platform hint (linkedin, medium, substack, blog), may be null
 * @param useRag whether to retrieve the author's documents as context
 * @param maxTokens the most tokens to generate
 * @param temperature sampling temperature, 0 for greedy
 * @param topP nucleus sampling threshold in (0, 1]
 * @param seed sampling seed
 * @param article the linked article to write about, or null
 */
public record TwinRequest(
    String prompt,
    String authorId,
    String platform,
    boolean useRag,
    int maxTokens,
    double temperature,
    double topP,
    int seed,
    LinkedArticle article) {

  /** A request without a linked article. */
  public TwinRequest(
      String prompt,
      String authorId,
      String platform,
      boolean useRag,
      int maxTokens,
      double temperature,
      double topP,
      int seed) {
    this(prompt, authorId, platform, useRag, maxTokens, temperature, topP, seed, null);
  }
}
