package io.llmtwin.training.launcher;

import io.llmtwin.training.job.ProgressListener;
import io.llmtwin.training.job.TrainingJobSpec;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Where a training job runs: {@code local} (in this process) or {@code kubernetes} (a GPU Job
 * running the CLI entry point). Blocks until the job is over.
 */
public interface TrainingLauncher {

  /** {@code local} or {@code kubernetes}. */
  String name();

  /**
   * Runs job {@code jobId}.
   *
   * @return the registered model version number, or null when the launcher cannot tell (the caller
   *     then resolves the registry's {@code candidate})
   * @throws io.llmtwin.training.job.FineTuningCancelledException when cancelled
   * @throws RuntimeException with a readable reason when the job failed
   */
  Integer launch(
      String jobId,
      TrainingJobSpec spec,
      Path resumeFrom,
      ProgressListener listener,
      BooleanSupplier cancelled);
}
