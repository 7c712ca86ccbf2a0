package io.llmtwin.training.lora;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.preferences}: how the base model writes the rejected side of DPO
 * preference pairs.
 *
 * @param maxNewTokens longest generated answer in tokens (default 128)
 * @param temperature 0 (default) for greedy decoding, otherwise the sampling temperature
 * @param seed sampler seed (default 42), so a dataset build is repeatable
 */
@ConfigurationProperties("llmtwin.training.preferences")
public record PreferenceProperties(Integer maxNewTokens, Double temperature, Long seed) {

  /** Defaults and ranges. */
  public PreferenceProperties {
    maxNewTokens = maxNewTokens == null ? 128 : maxNewTokens;
    temperature = temperature == null ? 0.0 : temperature;
    seed = seed == null ? 42L : seed;
    if (maxNewTokens < 1 || maxNewTokens > 4096) {
      throw new IllegalArgumentException(
          "llmtwin.training.preferences.max-new-tokens must be in [1, 4096]");
    }
    if (temperature < 0 || temperature > 5) {
      throw new IllegalArgumentException(
          "llmtwin.training.preferences.temperature must be in [0, 5]");
    }
  }
}
