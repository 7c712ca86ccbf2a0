package io.llmtwin.featurestore.retrieval;

import io.llmtwin.model.document.DocumentType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Retriever#search} looks for.
 *
 * @param authorId the tenant: when set, only this author's chunks are searched (the filter is part
 *     of the Qdrant query); when null the retriever may resolve an author named in the query
 * @param types document types to search; empty means all
 * @param topK number of chunks to return, at least 1
 * @param expand whether to add rewrites of the query from the configured chat model
 * @param rerank whether to rerank (cross-encoder or maximal marginal relevance)
 * @param mode dense only or hybrid
 */
public record SearchOptions(
    String authorId,
    Set<DocumentType> types,
    int topK,
    boolean expand,
    boolean rerank,
    SearchMode mode) {

  /** Default number of chunks returned. */
  public static final int DEFAULT_TOP_K = 5;

  /** Largest accepted {@code topK}. */
  public static final int MAX_TOP_K = 100;

  public SearchOptions {
    authorId = authorId == null || authorId.isBlank() ? null : authorId.trim();
    types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    if (topK < 1 || topK > MAX_TOP_K) {
      throw new IllegalArgumentException("topK must be 1-" + MAX_TOP_K + ", was " + topK);
    }
    Objects.requireNonNull(mode, "mode");
  }

  /** All authors (unless one is named in the query), all types, top 5, expansion and rerank on. */
  public static SearchOptions defaults() {
    return new SearchOptions(null, Set.of(), DEFAULT_TOP_K, true, true, SearchMode.HYBRID);
  }

  public SearchOptions withAuthor(String authorId) {
    return new SearchOptions(authorId, types, topK, expand, rerank, mode);
  }

  public SearchOptions withTypes(Set<DocumentType> types) {
    return new SearchOptions(authorId, types, topK, expand, rerank, mode);
  }

  public SearchOptions withTopK(int topK) {
    return new SearchOptions(authorId, types, topK, expand, rerank, mode);
  }

  public SearchOptions withExpansion(boolean expand) {
    return new SearchOptions(authorId, types, topK, expand, rerank, mode);
  }

  public SearchOptions withRerank(boolean rerank) {
    return new SearchOptions(authorId, types, topK, expand, rerank, mode);
  }

  public SearchOptions withMode(SearchMode mode) {
    return new SearchOptions(authorId, types, topK, expand, rerank, mode);
  }

  /** The types to search: {@link #types()}, or every type when empty. */
  public Set<DocumentType> effectiveTypes() {
    return types.isEmpty() ? EnumSet.allOf(DocumentType.class) : EnumSet.copyOf(types);
  }
}
