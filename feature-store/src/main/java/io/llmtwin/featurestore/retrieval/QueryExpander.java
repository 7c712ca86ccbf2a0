package io.llmtwin.featurestore.retrieval;

import java.util.List;

/** Rewrites a query into alternative phrasings that may match other relevant chunks. */
public interface QueryExpander {

  /**
   * Up to {@code count} rewrites of {@code query}, without the query itself; empty when none could
   * be produced. Implementations should not throw for an unreachable model: the retriever then
   * searches the original query alone.
   */
  List<String> expand(String query, int count);

  /** An expander that adds nothing (no chat model configured). */
  static QueryExpander none() {
    return (query, count) -> List.of();
  }
}
