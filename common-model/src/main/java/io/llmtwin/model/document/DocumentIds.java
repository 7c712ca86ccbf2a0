package io.llmtwin.model.document;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/** Deterministic ids and content hashes shared by every pipeline stage. */
public final class DocumentIds {
  private DocumentIds() {}

  /**
   * The id of a document published at {@code canonicalUrl}: a name-based UUID of the normalised URL
   * (lower-case scheme and host, no fragment, no trailing slash), so the same link always maps to
   * the same document.
   */
  public static String forUrl(String canonicalUrl) {
    return nameUuid(normaliseUrl(canonicalUrl)).toString();
  }

  /** The id of one file of a repository. */
  public static String forRepositoryFile(String repositoryUrl, String path) {
    return nameUuid(normaliseUrl(repositoryUrl) + "#" + path).toString();
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code content}. */
  public static String contentHash(String content) {
    return HexFormat.of().formatHex(sha256(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** A name-based UUID (SHA-256 truncated, version 5 layout) of {@code name}. */
  public static UUID nameUuid(String name) {
    byte[] hash = sha256(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (hash[i] & 0xff);
      lsb = (lsb << 8) | (hash[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  static String normaliseUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url is required");
    }
    URI uri = URI.create(url.trim()).normalize();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return scheme + "://" + host + port + path + query;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
