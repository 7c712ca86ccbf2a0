package io.llmtwin.training.tracking;

/**
 * Port for experiment tracking: one run per training job, with its parameters, per-step metrics,
 * artifacts and final status. Adapters: {@link MongoExperimentTracker} (local, default) and {@link
 * CometExperimentTracker} (Comet's REST API); {@link CompositeExperimentTracker} feeds several.
 */
public interface ExperimentTracker {

  /** Starts the run {@code run.id()}. */
  void start(ExperimentRun run);

  /** Records {@code value} of metric {@code name} at {@code step}. */
  void logMetric(String runId, String name, double value, long step);

  /** Records where artifact {@code name} of the run is stored. */
  void logArtifact(String runId, String name, String location);

  /** Ends the run. */
  void finish(String runId, RunStatus status);
}
