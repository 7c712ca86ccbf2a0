package io.llmtwin.model.document;

import java.util.Locale;

/** Where a document was published. */
public enum Platform {
  MEDIUM,
  SUBSTACK,
  LINKEDIN,
  GITHUB,
  /** Any other site: personal blogs and single article URLs. */
  WEB;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Platform parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("platform is missing");
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown platform: " + value, e);
    }
  }
}
