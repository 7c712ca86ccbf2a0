package io.llmtwin.inference.engine;

import java.time.Duration;

/**
 * The outcome of a generation.
 *
 * @param text everything streamed to the listener, stop sequence excluded
 * @param tokens tokens the model generated
 * @param queueWait time spent waiting for a free slot
 * @param timeToFirstToken from start of decoding to the first token (zero if none)
 * @param generationTime from start of decoding to the end
 */
public record GenerationResult(
    String text,
    int tokens,
    FinishReason finishReason,
    Duration queueWait,
    Duration timeToFirstToken,
    Duration generationTime) {

  /** Generated tokens per second over the decoding time (0 when nothing was generated). */
  public double tokensPerSecond() {
    double seconds = generationTime.toNanos() / 1e9;
    return tokens == 0 || seconds <= 0 ? 0 : tokens / seconds;
  }
}
