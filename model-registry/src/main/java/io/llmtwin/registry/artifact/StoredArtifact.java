package io.llmtwin.registry.artifact;

import java.time.Instant;
import java.util.Objects;

/**
 * An artifact as recorded by an {@link ArtifactStore}.
 *
 * @param key the key it is stored under
 * @param sizeBytes its size in bytes
 * @param sha256 the lowercase hex SHA-256 digest of its content
 * @param storedAt when it was stored
 */
public record StoredArtifact(String key, long sizeBytes, String sha256, Instant storedAt) {

  /** Validates the fields. */
  public StoredArtifact {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(storedAt, "storedAt");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
    }
  }
}
