package io.llmtwin.featurestore.retrieval;

import java.util.List;
import java.util.Optional;

/**
 * The answer of a {@link Retriever}.
 *
 * @param query the query as given
 * @param authorId the author the search was restricted to: the one given in the options, or the one
 *     resolved from the query; empty when all authors were searched
 * @param authorResolvedFromQuery true when {@code authorId} was resolved from a name in the query
 * @param queries the queries actually searched: the original first, then the expansions
 * @param chunks the ranked chunks, best first, at most {@code topK}
 */
public record RetrievalResult(
    String query,
    Optional<String> authorId,
    boolean authorResolvedFromQuery,
    List<String> queries,
    List<RetrievedChunk> chunks) {

  public RetrievalResult {
    queries = List.copyOf(queries);
    chunks = List.copyOf(chunks);
  }
}
