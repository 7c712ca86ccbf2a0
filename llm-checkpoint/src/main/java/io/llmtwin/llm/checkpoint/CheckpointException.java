package io.llmtwin.llm.checkpoint;

/** A checkpoint directory or file is missing, unreadable or malformed. */
public class CheckpointException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the problem. */
  public CheckpointException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
