package io.llmtwin.training.job;

import java.util.Locale;

/** How the base model is adapted. */
public enum FineTuningMethod {
  /** Low-rank adapters over frozen full-precision weights. */
  LORA,
  /** Low-rank adapters over frozen 4-bit (NF4) weights. */
  QLORA;

  /** Parses {@code lora} or {@code qlora}, case-insensitively. */
  public static FineTuningMethod parse(String value) {
    if (value == null) {
      return LORA;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "lora" -> LORA;
      case "qlora" -> QLORA;
      default -> throw new IllegalArgumentException("method must be lora or qlora: " + value);
    };
  }

  /** {@code lora} or {@code qlora}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
