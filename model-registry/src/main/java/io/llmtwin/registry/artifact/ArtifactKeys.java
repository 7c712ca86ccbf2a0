package io.llmtwin.registry.artifact;

import java.util.regex.Pattern;

/** The rules every artifact key follows, whatever the store. */
public final class ArtifactKeys {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final int MAX_LENGTH = 512;

  private ArtifactKeys() {}

  /**
   * Returns {@code key} if it is a relative, slash-separated path of safe segments (letters,
   * digits, {@code . _ -}, not starting with a dot or dash, no {@code ..}), at most 512 characters.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValid(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("Invalid artifact key: '" + key + "'");
    }
    for (String segment : key.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
        throw new IllegalArgumentException(
            "Invalid artifact key '" + key + "': bad segment '" + segment + "'");
      }
    }
    return key;
  }

  /**
   * Returns {@code prefix} if it is empty or a valid key prefix (a key, optionally ending in /).
   */
  static String requireValidPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("prefix must not be null (use \"\" for all)");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    requireValid(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
    return prefix;
  }
}
