package io.llmtwin.training.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training hyperparameters; missing values take defaults, see {@link #withDefaults()}.
 *
 * @param learningRate (0, 1], default 2e-4
 * @param epochs 1..100, default 1
 * @param batchSize 1..1024, default 8
 * @param maxSteps 0 = no cap, otherwise 1..1,000,000
 * @param loraRank 1..512, default 8
 * @param loraAlpha 1..4096, default 16
 * @param maxSequenceLength 16..32768, default 512
 * @param seed default 42
 */
public record Hyperparameters(
    Double learningRate,
    Integer epochs,
    Integer batchSize,
    Integer maxSteps,
    Integer loraRank,
    Integer loraAlpha,
    Integer maxSequenceLength,
    Long seed) {

  /** No value set: every default. */
  public static Hyperparameters defaults() {
    return new Hyperparameters(null, null, null, null, null, null, null, null).withDefaults();
  }

  /**
   * A copy with defaults applied, validated.
   *
   * @throws IllegalArgumentException naming the first invalid value
   */
  public Hyperparameters withDefaults() {
    Hyperparameters h =
        new Hyperparameters(
            learningRate == null ? 2e-4 : learningRate,
            epochs == null ? 1 : epochs,
            batchSize == null ? 8 : batchSize,
            maxSteps == null ? 0 : maxSteps,
            loraRank == null ? 8 : loraRank,
            loraAlpha == null ? 16 : loraAlpha,
            maxSequenceLength == null ? 512 : maxSequenceLength,
            seed == null ? 42L : seed);
    check(h.learningRate > 0 && h.learningRate <= 1, "learningRate must be in (0, 1]");
    check(h.epochs >= 1 && h.epochs <= 100, "epochs must be in 1..100");
    check(h.batchSize >= 1 && h.batchSize <= 1024, "batchSize must be in 1..1024");
    check(h.maxSteps >= 0 && h.maxSteps <= 1_000_000, "maxSteps must be in 0..1000000");
    check(h.loraRank >= 1 && h.loraRank <= 512, "loraRank must be in 1..512");
    check(h.loraAlpha >= 1 && h.loraAlpha <= 4096, "loraAlpha must be in 1..4096");
    check(
        h.maxSequenceLength >= 16 && h.maxSequenceLength <= 32768,
        "maxSequenceLength must be in 16..32768");
    return h;
  }

  /** As registry hyperparameters (names without dots). */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("learning_rate", String.valueOf(learningRate));
    m.put("epochs", String.valueOf(epochs));
    m.put("batch_size", String.valueOf(batchSize));
    m.put("max_steps", String.valueOf(maxSteps));
    m.put("lora_rank", String.valueOf(loraRank));
    m.put("lora_alpha", String.valueOf(loraAlpha));
    m.put("max_sequence_length", String.valueOf(maxSequenceLength));
    m.put("seed", String.valueOf(seed));
    return m;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
