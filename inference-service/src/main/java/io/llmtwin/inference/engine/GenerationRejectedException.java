package io.llmtwin.inference.engine;

/** All generation slots are busy and the wait queue is full; the caller should retry later. */
public class GenerationRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public GenerationRejectedException(String message) {
    super(message);
  }
}
