package io.llmtwin.registry.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Computes SHA-256 and counts bytes of everything read through it. Does not close the source. */
final class DigestingInputStream extends FilterInputStream {

  private final MessageDigest digest = Sha256.newDigest();
  private long count;

  DigestingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      digest.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // skipping would bypass the digest: read and discard instead
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

  @Override
  public void close() {
    // the caller owns the source stream
  }

  long count() {
    return count;
  }

  /** The hex digest of everything read so far; call once, at the end. */
  String sha256() {
    return Sha256.hex(digest);
  }
}
