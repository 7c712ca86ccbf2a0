package io.llmtwin.registry.model;

/**
 * Registering a version (or attaching an artifact) failed; nothing of it was left registered and
 * the artifacts uploaded for it were deleted.
 */
public class RegistrationFailedException extends ModelRegistryException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message and its cause. */
  public RegistrationFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with a message. */
  public RegistrationFailedException(String message) {
    super(message);
  }
}
