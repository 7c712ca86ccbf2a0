package io.llmtwin.featurestore.retrieval;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retrieval settings, bound from {@code llmtwin.retrieval.*}.
 *
 * @param enabled whether {@link RetrievalAutoConfiguration} builds a {@link Retriever} (default
 *     false, so services that only write do not load a query embedding model)
 * @param candidates candidates fetched per prefetch and per collection before merging, default 30
 * @param selfQuery whether an author named in the query restricts the search when the options carry
 *     no author, default true
 * @param expansion query expansion through an OpenAI-compatible chat model
 * @param rerank maximal marginal relevance settings
 * @param context prompt context formatting
 */
@ConfigurationProperties("llmtwin.retrieval")
public record RetrievalProperties(
    Boolean enabled,
    Integer candidates,
    Boolean selfQuery,
    Expansion expansion,
    Rerank rerank,
    Context context) {

  public RetrievalProperties {
    enabled = enabled != null && enabled;
    candidates = candidates == null ? 30 : candidates;
    if (candidates < 1 || candidates > 1000) {
      throw new IllegalArgumentException(
          "llmtwin.retrieval.candidates must be 1-1000, was " + candidates);
    }
    selfQuery = selfQuery == null || selfQuery;
    expansion = expansion == null ? new Expansion(null, null, null, null, null, null) : expansion;
    rerank = rerank == null ? new Rerank(null, null) : rerank;
    context = context == null ? new Context(null) : context;
  }

  /** All defaults. */
  public static RetrievalProperties defaults() {
    return new RetrievalProperties(null, null, null, null, null, null);
  }

  /**
   * Query expansion. Without {@code baseUrl} and {@code model} no chat model is built and expansion
   * is skipped.
   *
   * @param count number of rewrites asked for, default 3 (0 disables)
   * @param baseUrl OpenAI-compatible endpoint, e.g. {@code http://localhost:8080/v1}
   * @param apiKey API key (take it from the environment, e.g. {@code
   *     LLMTWIN_RETRIEVAL_EXPANSION_API_KEY}); a placeholder is sent when blank
   * @param model model name sent to the endpoint
   * @param temperature sampling temperature, default 0.3
   * @param timeout request timeout, default 20 s
   */
  public record Expansion(
      Integer count,
      String baseUrl,
      String apiKey,
      String model,
      Double temperature,
      Duration timeout) {
    public Expansion {
      count = count == null ? 3 : count;
      if (count < 0 || count > 10) {
        throw new IllegalArgumentException(
            "llmtwin.retrieval.expansion.count must be 0-10, was " + count);
      }
      temperature = temperature == null ? 0.3 : temperature;
      timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    }

    /** True when an endpoint and a model name are configured. */
    public boolean configured() {
      return baseUrl != null && !baseUrl.isBlank() && model != null && !model.isBlank();
    }

    @Override
    public String toString() {
      return "Expansion[count=%d, baseUrl=%s, apiKey=%s, model=%s, temperature=%s, timeout=%s]"
          .formatted(
              count,
              baseUrl,
              apiKey == null || apiKey.isBlank() ? "none" : "***",
              model,
              temperature,
              timeout);
    }
  }

  /**
   * Maximal marginal relevance.
   *
   * @param mmrLambda weight of relevance against novelty, default 0.8
   * @param duplicateThreshold cosine from which a chunk is dropped as a near-duplicate, default
   *     0.95
   */
  public record Rerank(Double mmrLambda, Double duplicateThreshold) {
    public Rerank {
      mmrLambda = mmrLambda == null ? 0.8 : mmrLambda;
      duplicateThreshold = duplicateThreshold == null ? 0.95 : duplicateThreshold;
    }
  }

  /**
   * Prompt context.
   *
   * @param tokenBudget most tokens of formatted context, default 1024
   */
  public record Context(Integer tokenBudget) {
    public Context {
      tokenBudget = tokenBudget == null ? 1024 : tokenBudget;
      if (tokenBudget < 1) {
        throw new IllegalArgumentException("llmtwin.retrieval.context.token-budget must be > 0");
      }
    }
  }
}
