package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.CheckpointException;

/** A checkpoint (config, tokenizer or tensors) that this converter cannot translate to GGUF. */
public class UnsupportedCheckpointException extends CheckpointException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a reason a user can act on. */
  public UnsupportedCheckpointException(String message) {
    super(message);
  }

  /** Creates the exception with a reason and the underlying failure. */
  public UnsupportedCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
