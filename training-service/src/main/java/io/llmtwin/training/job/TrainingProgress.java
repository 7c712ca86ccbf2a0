package io.llmtwin.training.job;

/**
 * One progress report.
 *
 * @param step steps done
 * @param totalSteps steps planned
 * @param loss training loss at {@code step}
 * @param tokensPerSecond throughput
 * @param etaSeconds estimated seconds left
 */
public record TrainingProgress(
    long step, long totalSteps, double loss, double tokensPerSecond, long etaSeconds) {}
