package io.llmtwin.registry.artifact;

/** An artifact could not be stored, found or read back intact. */
public class ArtifactStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /** Creates an exception about the artifact under {@code key}. */
  public ArtifactStoreException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** Creates an exception about the artifact under {@code key} with its cause. */
  public ArtifactStoreException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** The key of the artifact concerned. */
  public String key() {
    return key;
  }
}
