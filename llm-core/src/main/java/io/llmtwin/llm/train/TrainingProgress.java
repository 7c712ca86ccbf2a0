package io.llmtwin.llm.train;

import java.time.Duration;

/**
 * Reported after every optimizer step.
 *
 * @param step steps done (1-based)
 * @param totalSteps configured steps
 * @param loss mean training loss of this step
 * @param evalLoss held-out loss when evaluated at this step, NaN otherwise
 * @param learningRate learning rate used for this step
 * @param tokensPerSecond non-padding tokens processed per second since start
 * @param eta estimated time to finish
 */
public record TrainingProgress(
    int step,
    int totalSteps,
    double loss,
    double evalLoss,
    double learningRate,
    double tokensPerSecond,
    Duration eta) {

  /** Receives progress. */
  @FunctionalInterface
  public interface Listener {
    /** Called on the training thread after each step. */
    void onStep(TrainingProgress progress);
  }
}
