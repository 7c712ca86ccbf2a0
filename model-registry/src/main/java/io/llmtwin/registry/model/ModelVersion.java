package io.llmtwin.registry.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable registered version of a model (only its metrics can be added to later, e.g. by
 * evaluation).
 *
 * @param model the model name
 * @param number the version number, 1, 2, …
 * @param lineage base model, dataset version and parent version
 * @param hyperparameters the training hyperparameters as text
 * @param metrics metrics recorded at registration or later
 * @param gitCommit the commit of the code that produced it, may be empty
 * @param description free text, may be empty
 * @param createdBy who registered it
 * @param createdAt when it was registered
 * @param artifacts its artifacts, sorted by name
 */
public record ModelVersion(
    String model,
    int number,
    Lineage lineage,
    Map<String, String> hyperparameters,
    Map<String, Double> metrics,
    String gitCommit,
    String description,
    String createdBy,
    Instant createdAt,
    List<VersionArtifact> artifacts) {

  /** Copies the collections. */
  public ModelVersion {
    hyperparameters = Map.copyOf(hyperparameters);
    metrics = Map.copyOf(metrics);
    artifacts = List.copyOf(artifacts);
  }

  /** The version's name, {@code v<number>}. */
  public String name() {
    return "v" + number;
  }

  /** The artifact named {@code name}, if the version has one. */
  public Optional<VersionArtifact> artifact(String name) {
    return artifacts.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
