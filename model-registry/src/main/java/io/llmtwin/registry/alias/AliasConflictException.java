package io.llmtwin.registry.alias;

/** An alias move's precondition failed: the alias does not point where the caller expected. */
public class AliasConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public AliasConflictException(String message) {
    super(message);
  }
}
