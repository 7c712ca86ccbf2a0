package io.llmtwin.training.tracking;

import java.util.Map;

/**
 * A run to start.
 *
 * @param id run id (the training job id)
 * @param name human-readable name
 * @param authorId whose model is trained
 * @param parameters hyperparameters and lineage as text
 */
public record ExperimentRun(
    String id, String name, String authorId, Map<String, String> parameters) {

  /** Copies the parameters. */
  public ExperimentRun {
    parameters = Map.copyOf(parameters);
  }
}
