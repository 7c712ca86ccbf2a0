package io.llmtwin.inference.engine;

/** Receives generated text as it streams; throwing from it cancels the generation. */
@FunctionalInterface
public interface TokenListener {

  /** Called with each new piece of text (one or more tokens, never a partial stop sequence). */
  void onText(String piece);
}
