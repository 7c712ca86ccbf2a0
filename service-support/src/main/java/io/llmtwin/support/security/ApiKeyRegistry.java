package io.llmtwin.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured API keys, held only as SHA-256 digests. A presented key is digested and looked up,
 * so the secret itself is never kept or compared character by character.
 */
public final class ApiKeyRegistry {
  private final Map<String, ApiKeyPrincipal> byDigest;

  private ApiKeyRegistry(Map<String, ApiKeyPrincipal> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  /**
   * Parses {@code authorId:key} entries.
   *
   * @throws IllegalArgumentException for a malformed entry, a key shorter than 8 characters or a
   *     key configured twice; the message never contains the key
   */
  public static ApiKeyRegistry parse(List<String> entries) {
    Map<String, ApiKeyPrincipal> byDigest = new HashMap<>();
    int index = 0;
    for (String raw : entries) {
      index++;
      String entry = raw == null ? "" : raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(
            "llmtwin.security.api-keys entry " + index + " is not of the form authorId:key");
      }
      String authorId = entry.substring(0, colon).trim();
      String key = entry.substring(colon + 1).trim();
      if (key.length() < 8) {
        throw new IllegalArgumentException(
            "llmtwin.security.api-keys entry "
                + index
                + " (author "
                + authorId
                + "): key is shorter"
                + " than 8 characters");
      }
      String digest = digest(key);
      if (byDigest.putIfAbsent(digest, new ApiKeyPrincipal(authorId, digest.substring(0, 12)))
          != null) {
        throw new IllegalArgumentException(
            "llmtwin.security.api-keys entry " + index + " repeats a key already configured");
      }
    }
    return new ApiKeyRegistry(byDigest);
  }

  /** The principal a presented key belongs to. */
  public Optional<ApiKeyPrincipal> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byDigest.get(digest(presentedKey.trim())));
  }

  public boolean isEmpty() {
    return byDigest.isEmpty();
  }

  public int size() {
    return byDigest.size();
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
