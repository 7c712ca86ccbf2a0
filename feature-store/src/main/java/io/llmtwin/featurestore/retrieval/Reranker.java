package io.llmtwin.featurestore.retrieval;

import java.util.List;

/** Reorders the merged candidates of a search and keeps the best {@code topK}. */
public interface Reranker {

  /**
   * @param query the original query
   * @param queryVector its dense embedding
   * @param candidates deduplicated candidates, best fused relevance first
   * @param topK how many to keep
   * @return at most {@code topK} chunks, best first
   */
  List<RetrievedChunk> rerank(
      String query, float[] queryVector, List<Candidate> candidates, int topK);
}
