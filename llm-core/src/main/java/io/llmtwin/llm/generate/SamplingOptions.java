package io.llmtwin.llm.generate;

import java.util.Set;

/**
 * How to pick tokens.
 *
 * @param maxNewTokens upper bound on generated tokens
 * @param temperature 0 for greedy decoding, otherwise the softmax temperature
 * @param topP nucleus mass in (0, 1]; 1 disables nucleus filtering
 * @param stopTokens ids that end generation (not included in the output)
 * @param seed seed of the sampler
 */
public record SamplingOptions(
    int maxNewTokens, double temperature, double topP, Set<Long> stopTokens, long seed) {

  /** Validates ranges. */
  public SamplingOptions {
    stopTokens = Set.copyOf(stopTokens);
    if (maxNewTokens < 0) {
      throw new IllegalArgumentException("maxNewTokens must be >= 0");
    }
    if (temperature < 0) {
      throw new IllegalArgumentException("temperature must be >= 0");
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1]");
    }
  }

  /** Greedy decoding. */
  public static SamplingOptions greedy(int maxNewTokens, Set<Long> stopTokens) {
    return new SamplingOptions(maxNewTokens, 0, 1, stopTokens, 0);
  }
}
