package io.llmtwin.registry.artifact;

/**
 * The bytes read back for an artifact do not match the size or SHA-256 digest recorded when it was
 * stored: the artifact was damaged or tampered with and must not be used.
 */
public class ArtifactCorruptedException extends ArtifactStoreException {

  private static final long serialVersionUID = 1L;

  /** Digest mismatch: {@code expected} was recorded, {@code actual} was read. */
  public ArtifactCorruptedException(String key, String expected, String actual) {
    super(
        key,
        "Artifact '"
            + key
            + "' is corrupted: expected SHA-256 "
            + expected
            + " but read "
            + actual);
  }

  /** Size mismatch: {@code expectedBytes} were recorded, {@code actualBytes} were read. */
  public ArtifactCorruptedException(String key, long expectedBytes, long actualBytes) {
    super(
        key,
        "Artifact '"
            + key
            + "' is corrupted: expected "
            + expectedBytes
            + " bytes but read "
            + actualBytes);
  }
}
