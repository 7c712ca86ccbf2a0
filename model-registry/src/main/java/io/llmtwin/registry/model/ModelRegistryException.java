package io.llmtwin.registry.model;

/** A model registry operation failed; subtypes say why. */
public class ModelRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ModelRegistryException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public ModelRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
