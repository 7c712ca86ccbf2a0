package io.llmtwin.registry.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes an artifact's bytes through while hashing them; when the source reaches its end, compares
 * size and SHA-256 with the recorded values and throws {@link ArtifactCorruptedException} on a
 * mismatch (from that final {@code read}, before reporting end of stream).
 */
final class VerifyingInputStream extends FilterInputStream {

  private final String key;
  private final long expectedSize;
  private final String expectedSha256;
  private final MessageDigest digest = Sha256.newDigest();
  private long count;
  private boolean verified;

  VerifyingInputStream(InputStream in, String key, long expectedSize, String expectedSha256) {
    super(in);
    this.key = key;
    this.expectedSize = expectedSize;
    this.expectedSha256 = expectedSha256;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      verify();
    } else {
      digest.update((byte) b);
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      verify();
    } else if (n > 0) {
      digest.update(b, off, n);
      advance(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void advance(int n) {
    count += n;
    if (count > expectedSize) {
      throw new ArtifactCorruptedException(key, expectedSize, count);
    }
  }

  private void verify() {
    if (verified) {
      return;
    }
    verified = true;
    if (count != expectedSize) {
      throw new ArtifactCorruptedException(key, expectedSize, count);
    }
    String actual = Sha256.hex(digest);
    if (!actual.equalsIgnoreCase(expectedSha256)) {
      throw new ArtifactCorruptedException(key, expectedSha256, actual);
    }
  }
}
