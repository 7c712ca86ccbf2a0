package io.llmtwin.llm.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Trainer settings.
 *
 * @param maxSteps optimizer steps
 * @param batchSize sequences per micro-batch
 * @param gradientAccumulation micro-batches per optimizer step
 * @param learningRate peak learning rate
 * @param weightDecay decoupled (AdamW) weight decay
 * @param warmupSteps linear warm-up steps
 * @param schedule decay after warm-up
 * @param maxGradNorm global gradient-norm clip (0 disables)
 * @param seed seed of data order, dropout and adapter init
 * @param evalEvery evaluate the held-out split every this many steps (0 disables)
 * @param earlyStoppingPatience stop after this many evaluations without improvement (0 disables)
 * @param checkpointEvery save a resumable checkpoint every this many steps (0 disables)
 * @param checkpointDir where checkpoints go; training resumes from it when it holds one
 */
public record TrainingConfig(
    int maxSteps,
    int batchSize,
    int gradientAccumulation,
    double learningRate,
    double weightDecay,
    int warmupSteps,
    Schedule schedule,
    double maxGradNorm,
    long seed,
    int evalEvery,
    int earlyStoppingPatience,
    int checkpointEvery,
    Optional<Path> checkpointDir) {

  /** Learning-rate decay after warm-up. */
  public enum Schedule {
    /** Constant after warm-up. */
    CONSTANT,
    /** Linear decay to 0 at {@code maxSteps}. */
    LINEAR,
    /** Cosine decay to 0 at {@code maxSteps}. */
    COSINE
  }

  /** Validates ranges. */
  public TrainingConfig {
    if (maxSteps <= 0 || batchSize <= 0 || gradientAccumulation <= 0) {
      throw new IllegalArgumentException("steps, batch size and accumulation must be positive");
    }
    if (learningRate <= 0 || weightDecay < 0 || warmupSteps < 0 || maxGradNorm < 0) {
      throw new IllegalArgumentException("invalid optimizer settings");
    }
  }

  /** Sensible defaults for small LoRA runs. */
  public static TrainingConfig defaults(int maxSteps) {
    return new TrainingConfig(
        maxSteps,
        8,
        1,
        2e-4,
        0.01,
        Math.max(1, maxSteps / 20),
        Schedule.COSINE,
        1.0,
        42,
        0,
        0,
        0,
        Optional.empty());
  }

  /** Learning rate at {@code step} (0-based). */
  public double learningRateAt(int step) {
    if (step < warmupSteps) {
      return learningRate * (step + 1) / warmupSteps;
    }
    double progress = (double) (step - warmupSteps) / Math.max(1, maxSteps - warmupSteps);
    return switch (schedule) {
      case CONSTANT -> learningRate;
      case LINEAR -> learningRate * Math.max(0, 1 - progress);
      case COSINE -> learningRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    };
  }

  /** Copy with other step/eval/patience settings. */
  public TrainingConfig withSteps(int steps, int evalEvery, int patience) {
    return new TrainingConfig(
        steps,
        batchSize,
        gradientAccumulation,
        learningRate,
        weightDecay,
        warmupSteps,
        schedule,
        maxGradNorm,
        seed,
        evalEvery,
        patience,
        checkpointEvery,
        checkpointDir);
  }

  /** Copy with checkpointing into {@code dir} every {@code every} steps. */
  public TrainingConfig withCheckpoints(Path dir, int every) {
    return new TrainingConfig(
        maxSteps,
        batchSize,
        gradientAccumulation,
        learningRate,
        weightDecay,
        warmupSteps,
        schedule,
        maxGradNorm,
        seed,
        evalEvery,
        earlyStoppingPatience,
        every,
        Optional.of(dir));
  }
}
