package io.llmtwin.inference.engine;

/** A model (or adapter) could not be loaded; the caller should keep serving the previous one. */
public class ModelLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with the reason and, if any, the underlying failure. */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
