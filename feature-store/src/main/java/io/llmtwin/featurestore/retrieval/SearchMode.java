package io.llmtwin.featurestore.retrieval;

/** How candidates are found in each {@code chunks_<type>} collection. */
public enum SearchMode {
  /** Nearest neighbours of the query embedding only. */
  DENSE,
  /** Dense and sparse lexical prefetches fused with reciprocal rank fusion in one Qdrant query. */
  HYBRID
}
