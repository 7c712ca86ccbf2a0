package io.llmtwin.inference.rag;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits and defaults of twin generation ({@code llmtwin.inference.generation.*}).
 *
 * @param maxTokensCap the largest {@code maxTokens} a request may ask for (default 1024)
 * @param defaultMaxTokens {@code maxTokens} when a request gives none (default 256)
 * @param maxPromptChars the longest prompt accepted, in characters (default 8000)
 * @param retrievalTopK chunks retrieved for the context (default 5)
 * @param contextTokenBudget tokens the numbered context may take in the prompt (default 1024)
 * @param retryAfterSeconds {@code Retry-After} sent with 429 when the queue is full (default 2)
 * @param streamTimeoutSeconds how long a streamed response may stay open (default 300)
 */
@ConfigurationProperties("llmtwin.inference.generation")
public record GenerationProperties(
    Integer maxTokensCap,
    Integer defaultMaxTokens,
    Integer maxPromptChars,
    Integer retrievalTopK,
    Integer contextTokenBudget,
    Integer retryAfterSeconds,
    Integer streamTimeoutSeconds) {

  /** Fills in defaults and validates. */
  public GenerationProperties {
    maxTokensCap = maxTokensCap == null ? 1024 : maxTokensCap;
    defaultMaxTokens = defaultMaxTokens == null ? Math.min(256, maxTokensCap) : defaultMaxTokens;
    maxPromptChars = maxPromptChars == null ? 8000 : maxPromptChars;
    retrievalTopK = retrievalTopK == null ? 5 : retrievalTopK;
    contextTokenBudget = contextTokenBudget == null ? 1024 : contextTokenBudget;
    retryAfterSeconds = retryAfterSeconds == null ? 2 : retryAfterSeconds;
    streamTimeoutSeconds = streamTimeoutSeconds == null ? 300 : streamTimeoutSeconds;
    if (maxTokensCap < 1 || defaultMaxTokens < 1 || defaultMaxTokens > maxTokensCap) {
      throw new IllegalArgumentException("need 1 <= default-max-tokens <= max-tokens-cap");
    }
    if (maxPromptChars < 1 || retrievalTopK < 1 || contextTokenBudget < 1) {
      throw new IllegalArgumentException(
          "max-prompt-chars, retrieval-top-k and context-token-budget must be positive");
    }
    if (retryAfterSeconds < 1 || streamTimeoutSeconds < 1) {
      throw new IllegalArgumentException("retry-after-seconds and stream-timeout-seconds >= 1");
    }
  }
}
