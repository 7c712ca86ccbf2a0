package io.llmtwin.training.job;

/** Fine-tuning failed; the message is the reason shown on the job. */
public class FineTuningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a readable reason. */
  public FineTuningException(String reason) {
    super(reason);
  }

  /** With a readable reason and its cause. */
  public FineTuningException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
