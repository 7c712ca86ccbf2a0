package io.llmtwin.training.job;

import java.util.function.BooleanSupplier;

/**
 * Port to the LLM core's trainer: fine-tunes a base checkpoint with LoRA or QLoRA on instruction
 * samples. Implemented on llm-core (DJL Llama + LoRA/QLoRA) by {@code
 * io.llmtwin.training.lora.LlmCoreFineTuner}, declared as a bean by {@code LoraConfiguration}.
 * Contract:
 *
 * <ul>
 *   <li>renders every sample with {@code io.llmtwin.model.prompt.PromptTemplate#render} and trains
 *       on prompt + response with loss on the response tokens only;
 *   <li>writes into {@link FineTuneRequest#outputDir()}: the adapter in {@code adapter/}, the
 *       merged model in {@code merged/}; returns their paths and final metrics (names match {@code
 *       [A-Za-z0-9_/:-]+}, e.g. {@code train_loss}, {@code eval_loss});
 *   <li>calls {@link ProgressListener#onProgress} at least once per logging interval (step, loss,
 *       tokens/s, ETA) and {@link ProgressListener#onCheckpoint} after each checkpoint it writes;
 *   <li>when {@link FineTuneRequest#resumeFrom()} is set and it can resume, continues from that
 *       checkpoint (otherwise starts over and says so through {@link #supportsResume()});
 *   <li>polls {@code cancelled} between steps and, when it turns true, stops promptly and throws
 *       {@link FineTuningCancelledException};
 *   <li>any other failure is thrown as {@link FineTuningException} with a reason a user can read.
 * </ul>
 */
public interface FineTuner {

  /** Runs one fine-tuning job to completion. */
  FineTuneResult fineTune(
      FineTuneRequest request, ProgressListener listener, BooleanSupplier cancelled);

  /** Whether {@link FineTuneRequest#resumeFrom()} is honoured. */
  default boolean supportsResume() {
    return false;
  }
}
