package io.llmtwin.featurestore.retrieval;

/**
 * Finds the chunks of the feature store that answer a query: the read side used by training
 * (RAG-augmented prompts) and inference (RAG generation).
 */
public interface Retriever {

  /**
   * Searches the {@code chunks_<type>} collections.
   *
   * @param query free text, not blank
   * @param options tenant, types, size and the optional steps
   * @return ranked chunks with their sources, never null
   * @throws IllegalArgumentException when the query is blank
   * @throws io.llmtwin.featurestore.FeatureStoreException when Qdrant fails
   */
  RetrievalResult search(String query, SearchOptions options);
}
