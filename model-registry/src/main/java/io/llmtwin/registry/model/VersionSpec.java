package io.llmtwin.registry.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to record for a new version; build it with {@link #builder(String, String)}.
 *
 * @param baseModel the base checkpoint (required)
 * @param datasetVersion the dataset version (required)
 * @param parentVersion the version it continued from, or {@code null}
 * @param hyperparameters training hyperparameters as text; keys match {@link
 *     RegistryNames#requireValidField(String, String)}
 * @param metrics metrics known at registration; same key rule
 * @param gitCommit the code's commit, may be empty
 * @param description free text, may be empty
 * @param createdBy who registers it (required)
 * @param owner the author the model belongs to, or {@code null} to leave ownership as it is; a
 *     registration whose owner differs from the model's recorded owner is refused with {@link
 *     ModelOwnedByAnotherException}, and a model without an owner is claimed by it
 */
public record VersionSpec(
    String baseModel,
    String datasetVersion,
    Integer parentVersion,
    Map<String, String> hyperparameters,
    Map<String, Double> metrics,
    String gitCommit,
    String description,
    String createdBy,
    String owner) {

  /** Validates and copies. */
  public VersionSpec {
    requireText(baseModel, "baseModel");
    requireText(datasetVersion, "datasetVersion");
    requireText(createdBy, "createdBy");
    if (parentVersion != null && parentVersion < 1) {
      throw new IllegalArgumentException("parentVersion must be at least 1: " + parentVersion);
    }
    hyperparameters = Map.copyOf(hyperparameters);
    metrics = Map.copyOf(metrics);
    hyperparameters.keySet().forEach(k -> RegistryNames.requireValidField(k, "hyperparameter"));
    metrics.forEach(
        (k, v) -> {
          RegistryNames.requireValidField(k, "metric");
          if (v == null || v.isNaN()) {
            throw new IllegalArgumentException("metric '" + k + "' must be a number");
          }
        });
    gitCommit = gitCommit == null ? "" : gitCommit;
    description = description == null ? "" : description;
    if (owner != null && owner.isBlank()) {
      throw new IllegalArgumentException("owner must not be blank");
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  /** Starts a spec for a version fine-tuned from {@code baseModel} on {@code datasetVersion}. */
  public static Builder builder(String baseModel, String datasetVersion) {
    return new Builder(baseModel, datasetVersion);
  }

  /** Builds a {@link VersionSpec}. */
  public static final class Builder {
    private final String baseModel;
    private final String datasetVersion;
    private Integer parentVersion;
    private final Map<String, String> hyperparameters = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private String gitCommit = "";
    private String description = "";
    private String createdBy = "unknown";
    private String owner;

    private Builder(String baseModel, String datasetVersion) {
      this.baseModel = baseModel;
      this.datasetVersion = datasetVersion;
    }

    /** The version this one continued from. */
    public Builder parentVersion(int parentVersion) {
      this.parentVersion = parentVersion;
      return this;
    }

    /** Adds a hyperparameter. */
    public Builder hyperparameter(String name, Object value) {
      hyperparameters.put(name, String.valueOf(Objects.requireNonNull(value, name)));
      return this;
    }

    /** Adds hyperparameters. */
    public Builder hyperparameters(Map<String, ?> values) {
      values.forEach(this::hyperparameter);
      return this;
    }

    /** Adds a metric. */
    public Builder metric(String name, double value) {
      metrics.put(name, value);
      return this;
    }

    /** Adds metrics. */
    public Builder metrics(Map<String, Double> values) {
      metrics.putAll(values);
      return this;
    }

    /** The commit of the code that produced the version. */
    public Builder gitCommit(String gitCommit) {
      this.gitCommit = gitCommit;
      return this;
    }

    /** Free text. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Who registers the version. */
    public Builder createdBy(String createdBy) {
      this.createdBy = createdBy;
      return this;
    }

    /** The author the model belongs to (see {@link VersionSpec#owner()}). */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /** Builds and validates the spec. */
    public VersionSpec build() {
      return new VersionSpec(
          baseModel,
          datasetVersion,
          parentVersion,
          hyperparameters,
          metrics,
          gitCommit,
          description,
          createdBy,
          owner);
    }
  }
}
