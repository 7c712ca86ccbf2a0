package io.llmtwin.registry.alias;

/** An alias cannot be rolled back: it points at nothing or has no previous holder. */
public class RollbackNotPossibleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public RollbackNotPossibleException(String message) {
    super(message);
  }
}
