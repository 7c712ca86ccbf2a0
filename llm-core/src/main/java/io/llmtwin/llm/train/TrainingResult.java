package io.llmtwin.llm.train;

import java.util.List;

/**
 * Outcome of {@link Trainer#train}.
 *
 * @param steps optimizer steps done in total (including resumed ones)
 * @param trainLosses loss of each step run in this call
 * @param evalLosses held-out loss at each evaluation of this call
 * @param bestEvalLoss best held-out loss seen, NaN when never evaluated
 * @param stoppedEarly whether early stopping ended training
 * @param tokensPerSecond training throughput of this call
 */
public record TrainingResult(
    int steps,
    List<Double> trainLosses,
    List<Double> evalLosses,
    double bestEvalLoss,
    boolean stoppedEarly,
    double tokensPerSecond) {

  /** Copies the lists. */
  public TrainingResult {
    trainLosses = List.copyOf(trainLosses);
    evalLosses = List.copyOf(evalLosses);
  }
}
