package io.llmtwin.training.job;

/** Life cycle of a training job. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  /** The node stopped while the job ran; it is resumed from its checkpoint when possible. */
  INTERRUPTED;

  /** Whether the job is over. */
  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
