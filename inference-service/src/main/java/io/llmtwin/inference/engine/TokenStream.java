package io.llmtwin.inference.engine;

/** One decoding run of an engine: text pieces, one per generated token. */
interface TokenStream {

  /** Whether another token follows (blocks until known). */
  boolean hasNext();

  /** The next token's text. */
  String next();

  /** Stops decoding and frees the engine's slot. */
  void cancel();

  /** Opens token streams for requests. */
  @FunctionalInterface
  interface Engine {
    TokenStream open(GenerationRequest request);
  }
}
