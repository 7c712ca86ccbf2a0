package io.llmtwin.training.tracking;

/** How a run ended. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED
}
