package io.llmtwin.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The behaviour every {@link ArtifactStore} shares; each store's test extends this. */
public abstract class ArtifactStoreContract {

  /** The store under test, empty at the start of each test. */
  protected abstract ArtifactStore store();

  /** Changes one byte of the stored content of {@code key} behind the store's back. */
  protected abstract void tamper(String key) throws Exception;

  @TempDir Path temp;

  @Test
  void roundTripsContentWithItsChecksum() throws IOException {
    byte[] content = "adapter weights".getBytes(StandardCharsets.UTF_8);

    StoredArtifact stored =
        store().put("models/twin/a1/adapter.bin", new ByteArrayInputStream(content));

    assertThat(stored.key()).isEqualTo("models/twin/a1/adapter.bin");
    assertThat(stored.sizeBytes()).isEqualTo(content.length);
    assertThat(stored.sha256()).isEqualTo(sha256(content));
    assertThat(store().stat("models/twin/a1/adapter.bin")).contains(stored);
    assertThat(store().exists("models/twin/a1/adapter.bin")).isTrue();
    try (InputStream in = store().get("models/twin/a1/adapter.bin")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void storesAFileAndListsByPrefix() throws IOException {
    Path file = Files.writeString(temp.resolve("train.jsonl"), "{\"instruction\":\"hi\"}\n");
    store().put("datasets/jane/abc.jsonl", file);
    store().put("models/twin/x/config.json", new ByteArrayInputStream("{}".getBytes()));
    store().put("models/twin/x/model.gguf", new ByteArrayInputStream(new byte[] {1, 2, 3}));

    assertThat(store().list("models/twin/"))
        .extracting(StoredArtifact::key)
        .containsExactly("models/twin/x/config.json", "models/twin/x/model.gguf");
    assertThat(store().list("")).hasSize(3);
    assertThat(store().stat("datasets/jane/abc.jsonl").orElseThrow().sha256())
        .isEqualTo(sha256(Files.readAllBytes(file)));
  }

  @Test
  void overwritingAKeyReplacesItsContent() throws IOException {
    store().put("k/one", new ByteArrayInputStream("first".getBytes()));
    StoredArtifact second = store().put("k/one", new ByteArrayInputStream("second!".getBytes()));

    assertThat(store().stat("k/one")).contains(second);
    assertThat(store().list("k/")).hasSize(1);
    try (InputStream in = store().get("k/one")) {
      assertThat(new String(in.readAllBytes())).isEqualTo("second!");
    }
  }

  @Test
  void streamsALargeArtifactInAndOutWithItsChecksum() throws Exception {
    long size = 20L * 1024 * 1024;
    GeneratedStream source = new GeneratedStream(size, 42);

    StoredArtifact stored = store().put("models/big/merged.safetensors", source);

    assertThat(stored.sizeBytes()).isEqualTo(size);
    assertThat(stored.sha256()).isEqualTo(source.sha256());
    MessageDigest readBack = MessageDigest.getInstance("SHA-256");
    long count;
    try (InputStream in =
        new DigestInputStream(store().get("models/big/merged.safetensors"), readBack)) {
      count = in.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(count).isEqualTo(size);
    assertThat(HexFormat.of().formatHex(readBack.digest())).isEqualTo(source.sha256());
  }

  @Test
  void detectsACorruptedArtifactWhenReadingIt() throws Exception {
    byte[] content = new byte[100_000];
    new Random(7).nextBytes(content);
    store().put("models/twin/v1/model.gguf", new ByteArrayInputStream(content));

    tamper("models/twin/v1/model.gguf");

    assertThatThrownBy(
            () -> {
              try (InputStream in = store().get("models/twin/v1/model.gguf")) {
                in.transferTo(OutputStream.nullOutputStream());
              }
            })
        .isInstanceOf(ArtifactCorruptedException.class)
        .hasMessageContaining("models/twin/v1/model.gguf")
        .hasMessageContaining("corrupted");
  }

  @Test
  void refusesToOpenWhenTheRecordedDigestIsNotTheExpectedOne() {
    store().put("a/b", new ByteArrayInputStream("x".getBytes()));

    assertThatThrownBy(() -> store().get("a/b", "0".repeat(64)))
        .isInstanceOf(ArtifactCorruptedException.class);
  }

  @Test
  void reportsAMissingArtifactClearly() {
    assertThat(store().stat("nothing/here")).isEmpty();
    assertThat(store().exists("nothing/here")).isFalse();
    assertThatThrownBy(() -> store().get("nothing/here"))
        .isInstanceOf(ArtifactNotFoundException.class)
        .hasMessageContaining("nothing/here");
  }

  @Test
  void deletesAnArtifact() {
    store().put("d/x", new ByteArrayInputStream("x".getBytes()));

    assertThat(store().delete("d/x")).isTrue();
    assertThat(store().exists("d/x")).isFalse();
    assertThat(store().delete("d/x")).isFalse();
    assertThatThrownBy(() -> store().get("d/x")).isInstanceOf(ArtifactNotFoundException.class);
  }

  @Test
  void rejectsKeysThatCouldEscapeTheStore() {
    for (String bad : new String[] {"../etc/passwd", "/abs", "a//b", "a/../b", ".hidden", ""}) {
      assertThatThrownBy(() -> store().put(bad, new ByteArrayInputStream(new byte[0])))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Pseudo-random bytes produced on the fly, never held in memory as a whole. */
  static final class GeneratedStream extends InputStream {
    private final Random random;
    private final MessageDigest digest;
    private long remaining;

    GeneratedStream(long size, long seed) {
      this.random = new Random(seed);
      this.remaining = size;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      digest.update(chunk);
      remaining -= n;
      return n;
    }

    private String sha256;

    /** The digest of everything produced; call after the stream was read to its end. */
    String sha256() {
      if (sha256 == null) {
        sha256 = HexFormat.of().formatHex(digest.digest());
      }
      return sha256;
    }
  }
}
