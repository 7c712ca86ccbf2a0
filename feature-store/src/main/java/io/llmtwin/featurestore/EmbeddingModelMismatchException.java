package io.llmtwin.featurestore;

/**
 * The collections were built with another embedding model (or vector size) than the one the
 * application runs with. Re-index through the crawler's CDC replay into fresh collections, or
 * configure the model the store was built with.
 */
public class EmbeddingModelMismatchException extends FeatureStoreException {
  public EmbeddingModelMismatchException(String message) {
    super(message);
  }
}
