package io.llmtwin.registry.alias;

import java.util.regex.Pattern;

/** Alias naming rules and the well-known aliases. */
public final class AliasNames {

  /** The version training produced most recently and that awaits evaluation. */
  public static final String CANDIDATE = "candidate";

  /** The version that passed the promotion gate; inference serves it. */
  public static final String ACCEPTED = "accepted";

  private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final Pattern VERSION_LIKE = Pattern.compile("v[0-9]+");

  private AliasNames() {}

  /**
   * Returns {@code alias} if it is a valid alias name: lowercase letters, digits, {@code _} or
   * {@code -}, starting with a letter, at most 63 characters, and not {@code latest} or {@code
   * v<digits>} (those are version references).
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValid(String alias) {
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException(
          "Invalid alias '"
              + alias
              + "': use lowercase letters, digits, '_' or '-', starting with a letter");
    }
    if (alias.equals("latest") || VERSION_LIKE.matcher(alias).matches()) {
      throw new IllegalArgumentException(
          "Invalid alias '" + alias + "': reserved for version references");
    }
    return alias;
  }

  /** Whether {@code name} is a valid alias name. */
  public static boolean isValid(String name) {
    try {
      requireValid(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
