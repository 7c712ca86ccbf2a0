package io.llmtwin.training.evaluation;

/** An evaluation could not be run (missing checkpoint, base model or test split). */
public class EvaluationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a reason a caller can show. */
  public EvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
