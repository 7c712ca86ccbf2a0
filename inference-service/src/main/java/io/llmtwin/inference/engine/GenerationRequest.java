package io.llmtwin.inference.engine;

import java.util.List;
import java.util.Objects;

/**
 * One generation's prompt and sampling settings.
 *
 * @param prompt the full prompt text (already rendered with the prompt template)
 * @param maxTokens the most tokens to generate (1 or more)
 * @param temperature 0 for greedy decoding, otherwise the sampling temperature
 * @param topP nucleus sampling threshold in (0, 1]
 * @param seed sampling seed; the same seed, prompt and settings give the same text
 * @param stopSequences generation ends before the first occurrence of any of these (not included in
 *     the output)
 */
public record GenerationRequest(
    String prompt,
    int maxTokens,
    double temperature,
    double topP,
    int seed,
    List<String> stopSequences) {

  /** Validates the settings. */
  public GenerationRequest {
    Objects.requireNonNull(prompt, "prompt");
    stopSequences = List.copyOf(stopSequences);
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1: " + maxTokens);
    }
    if (temperature < 0 || Double.isNaN(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
    }
    if (stopSequences.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("stop sequences must not be empty");
    }
  }

  /** A greedy request for {@code maxTokens} tokens with no stop sequences. */
  public static GenerationRequest greedy(String prompt, int maxTokens) {
    return new GenerationRequest(prompt, maxTokens, 0.0, 1.0, 0, List.of());
  }

  /** This request with other stop sequences. */
  public GenerationRequest withStopSequences(String... stops) {
    return new GenerationRequest(prompt, maxTokens, temperature, topP, seed, List.of(stops));
  }

  /** This request sampled at {@code temperature} and {@code topP} with {@code seed}. */
  public GenerationRequest sampled(double temperature, double topP, int seed) {
    return new GenerationRequest(prompt, maxTokens, temperature, topP, seed, stopSequences);
  }
}
