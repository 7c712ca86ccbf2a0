package io.llmtwin.training.launcher;

import io.llmtwin.training.job.ProgressListener;
import io.llmtwin.training.job.TrainingJobSpec;
import io.llmtwin.training.job.TrainingPipeline;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Runs the job in this JVM through the {@link TrainingPipeline}. */
public final class LocalTrainingLauncher implements TrainingLauncher {
  private final TrainingPipeline pipeline;

  /** Runs jobs with {@code pipeline}. */
  public LocalTrainingLauncher(TrainingPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Integer launch(
      String jobId,
      TrainingJobSpec spec,
      Path resumeFrom,
      ProgressListener listener,
      BooleanSupplier cancelled) {
    return pipeline.run(jobId, spec, resumeFrom, listener, cancelled).number();
  }
}
