package io.llmtwin.training.tracking;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds every configured tracker. The first (local) tracker's failures propagate; a failing
 * secondary tracker (e.g. Comet unreachable) is logged and never fails the training job.
 */
public final class CompositeExperimentTracker implements ExperimentTracker {
  private static final Logger log = LoggerFactory.getLogger(CompositeExperimentTracker.class);

  private final List<ExperimentTracker> trackers;

  /** Feeds {@code trackers}, the first one being the primary. */
  public CompositeExperimentTracker(List<ExperimentTracker> trackers) {
    this.trackers = List.copyOf(trackers);
  }

  @Override
  public void start(ExperimentRun run) {
    each(t -> t.start(run));
  }

  @Override
  public void logMetric(String runId, String name, double value, long step) {
    each(t -> t.logMetric(runId, name, value, step));
  }

  @Override
  public void logArtifact(String runId, String name, String location) {
    each(t -> t.logArtifact(runId, name, location));
  }

  @Override
  public void finish(String runId, RunStatus status) {
    each(t -> t.finish(runId, status));
  }

  private void each(Consumer<ExperimentTracker> call) {
    for (int i = 0; i < trackers.size(); i++) {
      try {
        call.accept(trackers.get(i));
      } catch (RuntimeException e) {
        if (i == 0) {
          throw e;
        }
        log.warn(
            "experiment tracker {} failed: {}",
            trackers.get(i).getClass().getSimpleName(),
            e.getMessage());
      }
    }
  }
}
