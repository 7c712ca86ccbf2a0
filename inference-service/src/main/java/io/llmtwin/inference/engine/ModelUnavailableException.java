package io.llmtwin.inference.engine;

/** No model is loaded (yet): the generator cannot start generations. */
public class ModelUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message saying why. */
  public ModelUnavailableException(String message) {
    super(message);
  }
}
