package io.llmtwin.featurestore;

/** A call to the feature store failed (server unreachable, refused or timed out). */
public class FeatureStoreException extends RuntimeException {
  public FeatureStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public FeatureStoreException(String message) {
    super(message);
  }
}
