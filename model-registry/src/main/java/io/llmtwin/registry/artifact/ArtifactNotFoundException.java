package io.llmtwin.registry.artifact;

/** No artifact is stored under the requested key. */
public class ArtifactNotFoundException extends ArtifactStoreException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code key}. */
  public ArtifactNotFoundException(String key) {
    super(key, "No artifact stored under key '" + key + "'");
  }
}
