package io.llmtwin.training.job;

import java.nio.file.Path;

/** Receives a {@link FineTuner}'s progress. */
public interface ProgressListener {

  /** A training step was logged. */
  void onProgress(TrainingProgress progress);

  /** A checkpoint was written; a restarted job may resume from it. */
  default void onCheckpoint(Path checkpoint) {}
}
