package io.llmtwin.inference.engine;

import java.util.OptionalInt;

/**
 * Generates text from a prompt, streaming each piece to a listener as it is produced.
 *
 * <p>Generations run on a bounded set of slots; when all slots are busy requests wait in a bounded
 * queue, and when that is full {@link #generate} throws {@link GenerationRejectedException} at once
 * instead of piling up work. Each call returns a {@link Generation} handle: {@link
 * Generation#cancel()} stops it (queued or running), and a listener that throws also cancels it,
 * which is how a caller that went away (a closed stream) frees its slot.
 */
public interface TextGenerator extends AutoCloseable {

  /**
   * Starts a generation.
   *
   * @param listener receives generated text pieces in order, on a generation thread; text that may
   *     be the start of a stop sequence is held back until it is known not to be one
   * @throws GenerationRejectedException when the slots and the wait queue are full
   */
  Generation generate(GenerationRequest request, TokenListener listener);

  /** Generates and waits for the result (no streaming). */
  default GenerationResult complete(GenerationRequest request) throws InterruptedException {
    return generate(request, piece -> {}).await();
  }

  /**
   * Whether a model is loaded now. A generator that swaps models (see {@code
   * io.llmtwin.inference.model.ModelServing}) may have none yet; {@link #generate} then throws
   * {@link ModelUnavailableException}.
   */
  default boolean available() {
    return true;
  }

  /** Tokens {@code text} takes as a prompt, when the generator can count them. */
  default OptionalInt countTokens(String text) {
    return OptionalInt.empty();
  }

  /** Stops accepting work, finishes running generations and frees the model. */
  @Override
  void close();
}
