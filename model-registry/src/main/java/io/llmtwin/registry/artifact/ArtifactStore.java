package io.llmtwin.registry.artifact;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Stores binary artifacts (adapters, merged models, GGUF files, datasets) under a key, streamed and
 * SHA-256 checksummed.
 *
 * <p>Every implementation computes the SHA-256 digest and the size while it streams the content in,
 * records both next to the bytes, and verifies them again while the content is streamed back out: a
 * stream returned by {@link #get(String)} throws {@link ArtifactCorruptedException} from the {@code
 * read} call that reaches the end of the content if the bytes do not match. Content is never
 * buffered whole in memory.
 *
 * <p>Keys are relative, slash-separated paths whose segments match {@code
 * [A-Za-z0-9][A-Za-z0-9._-]*} (see {@link ArtifactKeys#requireValid(String)}); writing an existing
 * key replaces its content. Failures are reported as {@link ArtifactStoreException} (or one of its
 * subtypes).
 */
public interface ArtifactStore {

  /**
   * Streams {@code content} into the store under {@code key}. The stream is read to its end but not
   * closed.
   *
   * @return the stored artifact with its size and SHA-256 digest
   */
  StoredArtifact put(String key, InputStream content);

  /** Stores the file at {@code file} under {@code key}, streaming it. */
  StoredArtifact put(String key, Path file);

  /**
   * Opens the artifact for reading. The returned stream verifies size and SHA-256 when it reaches
   * the end and throws {@link ArtifactCorruptedException} on a mismatch. The caller closes it.
   *
   * @throws ArtifactNotFoundException when there is no artifact under {@code key}
   */
  InputStream get(String key);

  /**
   * Like {@link #get(String)}, but additionally requires the recorded digest to equal {@code
   * expectedSha256} (for example the digest a model version recorded at registration), failing with
   * {@link ArtifactCorruptedException} before any byte is read otherwise.
   */
  default InputStream get(String key, String expectedSha256) {
    StoredArtifact recorded = stat(key).orElseThrow(() -> new ArtifactNotFoundException(key));
    if (!recorded.sha256().equalsIgnoreCase(expectedSha256)) {
      throw new ArtifactCorruptedException(key, expectedSha256, recorded.sha256());
    }
    return get(key);
  }

  /** The recorded size and digest of the artifact under {@code key}, if there is one. */
  Optional<StoredArtifact> stat(String key);

  /** Whether an artifact is stored under {@code key}. */
  default boolean exists(String key) {
    return stat(key).isPresent();
  }

  /**
   * Deletes the artifact under {@code key}.
   *
   * @return whether there was one
   */
  boolean delete(String key);

  /** The artifacts whose keys start with {@code prefix} (may be empty for all), sorted by key. */
  List<StoredArtifact> list(String prefix);
}
