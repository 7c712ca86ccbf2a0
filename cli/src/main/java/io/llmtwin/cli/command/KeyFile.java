package io.llmtwin.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code <home>/api-key}: the {@code authorId:key} that {@code up} and {@code demo} gave the
 * services, so that later commands act for that author without options (readable by the owner
 * only).
 *
 * @param authorId the author the key acts for
 * @param key the key
 */
public record KeyFile(String authorId, String key) {
  static final String FILE = "api-key";

  /** Reads the file, empty when absent or malformed. */
  public static Optional<KeyFile> read(Path home) {
    Path file = home.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String line = Files.readString(file, StandardCharsets.UTF_8).trim();
      int colon = line.indexOf(':');
      return colon > 0 && colon < line.length() - 1
          ? Optional.of(new KeyFile(line.substring(0, colon), line.substring(colon + 1)))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The key for {@code authorId}: the stored one when it is for that author, else a new one. */
  public static KeyFile forAuthor(Path home, String authorId) {
    Optional<KeyFile> existing = read(home).filter(k -> k.authorId().equals(authorId));
    if (existing.isPresent()) {
      return existing.get();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    KeyFile created = new KeyFile(authorId, "lt_" + HexFormat.of().formatHex(random));
    created.write(home);
    return created;
  }

  /** The {@code LLMTWIN_SECURITY_API_KEYS} entry. */
  public String asServiceSetting() {
    return authorId + ":" + key;
  }

  private void write(Path home) {
    Path file = home.resolve(FILE);
    try {
      Files.createDirectories(home);
      Files.writeString(file, asServiceSetting() + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps the default permissions
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
