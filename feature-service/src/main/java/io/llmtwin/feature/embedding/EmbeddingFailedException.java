package io.llmtwin.feature.embedding;

/** The embedding model could not embed a text. */
public class EmbeddingFailedException extends RuntimeException {
  public EmbeddingFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  public EmbeddingFailedException(String message) {
    super(message);
  }
}
