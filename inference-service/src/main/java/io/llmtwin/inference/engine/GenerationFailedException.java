package io.llmtwin.inference.engine;

/** The engine failed while generating (not a cancellation). */
public class GenerationFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public GenerationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
