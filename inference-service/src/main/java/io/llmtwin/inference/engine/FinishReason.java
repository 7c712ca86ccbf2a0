package io.llmtwin.inference.engine;

/** Why a generation ended. */
public enum FinishReason {
  /** The model produced its end-of-sequence token. */
  END_OF_SEQUENCE,
  /** A stop sequence appeared. */
  STOP_SEQUENCE,
  /** The token limit was reached. */
  MAX_TOKENS,
  /** The caller cancelled it (or its listener failed). */
  CANCELLED
}
