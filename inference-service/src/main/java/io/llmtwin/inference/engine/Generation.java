package io.llmtwin.inference.engine;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A running or queued generation. */
public interface Generation {

  /**
   * Stops the generation as soon as possible; its result then says {@link FinishReason#CANCELLED}.
   */
  void cancel();

  /** Completes with the result, or exceptionally when the engine failed. */
  CompletableFuture<GenerationResult> result();

  /**
   * The version of the model that runs this generation, when the generator knows it (a generator
   * that hot-swaps models tags each generation with the version it started on).
   */
  default Optional<String> modelVersion() {
    return Optional.empty();
  }

  /** Waits for the result. */
  default GenerationResult await() throws InterruptedException {
    try {
      return result().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GenerationFailedException failed) {
        throw failed;
      }
      throw new GenerationFailedException("generation failed: " + cause.getMessage(), cause);
    }
  }
}
