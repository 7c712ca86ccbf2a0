package io.llmtwin.inference.rag;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A started twin generation: its sources are known at once, its answer when the model is done.
 *
 * <p>{@link #cancel()} stops it (a client that went away); the answer then says {@code CANCELLED}.
 */
public interface TwinGeneration {

  /** The sources given to the model, numbered as in the prompt. */
  List<TwinAnswer.Source> sources();

  /** Completes with the answer, or exceptionally when the engine failed. */
  CompletableFuture<TwinAnswer> answer();

  /** The rendered prompt given to the model. */
  default String prompt() {
    return "";
  }

  /** Ids of the retrieved chunks in the context, in source order. */
  default List<String> sourceIds() {
    return List.of();
  }

  /** Stops the generation as soon as possible. */
  void cancel();
}
