package io.llmtwin.training.job;

import io.llmtwin.training.dataset.DatasetConfig;
import io.llmtwin.training.models.ModelOwnership;

/**
 * A training job as requested through REST, or read by the CLI from a spec file (JSON).
 *
 * @param authorId whose twin is trained
 * @param datasetVersion an existing dataset version, or null to build one from {@code dataset}
 * @param dataset how to build the dataset when no version is given (defaults when null)
 * @param baseModel base checkpoint directory (or name resolved by the FineTuner)
 * @param method {@code lora} (default) or {@code qlora}
 * @param hyperparameters hyperparameters (defaults when null)
 * @param model registry model name (default {@code twin-<authorId>}); it must be one the author
 *     owns or a new one, see {@link ModelOwnership}
 */
public record TrainingJobSpec(
    String authorId,
    String datasetVersion,
    DatasetConfig dataset,
    String baseModel,
    String method,
    Hyperparameters hyperparameters,
    String model) {

  /** The same spec with a dataset version. */
  public TrainingJobSpec withDatasetVersion(String version) {
    return new TrainingJobSpec(
        authorId, version, dataset, baseModel, method, hyperparameters, model);
  }

  /**
   * The dataset config to build with: {@code dataset} with this job's base model generating the
   * rejected side of preference pairs unless the config names another; null when none is given.
   */
  public DatasetConfig datasetConfig() {
    return dataset == null ? null : dataset.withBaseModelIfUnset(baseModel);
  }

  /** The given hyperparameters with defaults filled in, or all defaults when none are given. */
  public Hyperparameters hyperparametersOrDefaults() {
    return hyperparameters == null ? Hyperparameters.defaults() : hyperparameters.withDefaults();
  }

  /** The registry model name. */
  public String modelName() {
    if (model != null && !model.isBlank()) {
      return model;
    }
    return ModelOwnership.defaultModelName(authorId);
  }
}
