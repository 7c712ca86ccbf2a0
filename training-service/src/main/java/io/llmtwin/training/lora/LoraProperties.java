package io.llmtwin.training.lora;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.lora}: how the llm-core fine-tuner runs on this node.
 *
 * @param threads PyTorch intra-op threads (default 1: llm-core has an open issue where 2 threads
 *     sometimes yield NaN losses; raise it on dedicated training nodes once verified there). An
 *     explicit {@code -Dai.djl.pytorch.num_threads} wins.
 * @param checkpointEvery write a resumable checkpoint every this many steps (default 50, 0 = only
 *     none)
 * @param dropout LoRA dropout (default 0.05)
 * @param warmupRatio share of the steps used for learning-rate warm-up (default 0.05)
 * @param logEvery report progress every this many steps (default 1)
 */
@ConfigurationProperties("llmtwin.training.lora")
public record LoraProperties(
    Integer threads,
    Integer checkpointEvery,
    Double dropout,
    Double warmupRatio,
    Integer logEvery) {

  /** Defaults and ranges. */
  public LoraProperties {
    threads = threads == null ? 1 : threads;
    checkpointEvery = checkpointEvery == null ? 50 : checkpointEvery;
    dropout = dropout == null ? 0.05 : dropout;
    warmupRatio = warmupRatio == null ? 0.05 : warmupRatio;
    logEvery = logEvery == null ? 1 : logEvery;
    if (threads < 1) {
      throw new IllegalArgumentException("llmtwin.training.lora.threads must be at least 1");
    }
    if (checkpointEvery < 0 || logEvery < 1) {
      throw new IllegalArgumentException(
          "llmtwin.training.lora.checkpoint-every must be >= 0 and log-every >= 1");
    }
    if (dropout < 0 || dropout >= 1 || warmupRatio < 0 || warmupRatio >= 1) {
      throw new IllegalArgumentException(
          "llmtwin.training.lora.dropout and warmup-ratio must be in [0, 1)");
    }
  }
}
