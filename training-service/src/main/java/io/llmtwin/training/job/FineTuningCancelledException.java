package io.llmtwin.training.job;

/** The job was cancelled while it ran. */
public class FineTuningCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** For job {@code jobId}. */
  public FineTuningCancelledException(String jobId) {
    super("training job " + jobId + " was cancelled");
  }
}
