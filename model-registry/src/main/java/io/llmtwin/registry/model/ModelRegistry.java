package io.llmtwin.registry.model;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registered models, their auto-numbered versions (metadata, lineage, metrics) and the artifacts of
 * each version.
 *
 * <p>A version reference ({@code ref}) is {@code v<n>}, {@code <n>}, {@code latest} (the highest
 * number) or an alias name (see {@code io.llmtwin.registry.alias.AliasRegistry}).
 */
public interface ModelRegistry {

  /** Creates the model if it does not exist yet and sets its description; idempotent. */
  RegisteredModel createModel(String name, String description);

  /** The model named {@code name}, if registered. */
  Optional<RegisteredModel> findModel(String name);

  /** All registered models, sorted by name. */
  List<RegisteredModel> models();

  /**
   * Registers the next version of {@code model} (creating the model on first use) with the files in
   * {@code artifacts} (artifact name → file), which are streamed into the artifact store first. The
   * version becomes visible in one atomic insert only after every artifact is stored; on failure
   * the uploaded artifacts are deleted and {@link RegistrationFailedException} is thrown.
   * Concurrent registrations get distinct, consecutive numbers.
   *
   * <p>When {@link VersionSpec#owner()} is set, a model without an owner is claimed by it (see
   * {@link RegisteredModel#owner()}) and a model owned by another author is refused with {@link
   * ModelOwnedByAnotherException} before any artifact is uploaded.
   */
  ModelVersion register(String model, VersionSpec spec, Map<String, Path> artifacts);

  /** Registers the next version of {@code model} without artifacts. */
  default ModelVersion register(String model, VersionSpec spec) {
    return register(model, spec, Map.of());
  }

  /**
   * Resolves {@code ref} ({@code v3}, {@code 3}, {@code latest} or an alias).
   *
   * @throws ModelNotFoundException when the model does not exist
   * @throws VersionNotFoundException when the reference resolves to nothing
   */
  ModelVersion version(String model, String ref);

  /** The version numbered {@code number}. */
  default ModelVersion version(String model, int number) {
    return version(model, "v" + number);
  }

  /** All versions of {@code model}, oldest first. */
  List<ModelVersion> versions(String model);

  /**
   * Adds or overwrites metrics on an existing version (evaluation results); other metrics are kept.
   */
  ModelVersion recordMetrics(String model, int number, Map<String, Double> metrics);

  /**
   * Streams {@code content} into the artifact store and attaches it to an existing version as
   * {@code name}. Artifact names are unique per version: attaching an existing name fails with
   * {@link RegistrationFailedException} and leaves the existing artifact untouched.
   */
  VersionArtifact attachArtifact(String model, int number, String name, InputStream content);

  /**
   * Opens artifact {@code name} of the version {@code ref} resolves to. The stream verifies the
   * SHA-256 recorded on the version and throws {@code ArtifactCorruptedException} on a mismatch.
   */
  InputStream openArtifact(String model, String ref, String name);
}
