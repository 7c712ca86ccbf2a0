package io.llmtwin.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {

  private static final byte[] CONTENT = "hello registry".getBytes();
  private static final String SHA = ArtifactStoreContract.sha256(CONTENT);

  @Test
  void passesIntactContentThrough() throws Exception {
    try (InputStream in =
        new VerifyingInputStream(new ByteArrayInputStream(CONTENT), "k", CONTENT.length, SHA)) {
      assertThat(in.readAllBytes()).isEqualTo(CONTENT);
    }
  }

  @Test
  void failsAtTheEndWhenTheDigestDiffers() {
    byte[] damaged = CONTENT.clone();
    damaged[0] ^= 1;
    InputStream in =
        new VerifyingInputStream(new ByteArrayInputStream(damaged), "k", CONTENT.length, SHA);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(ArtifactCorruptedException.class)
        .hasMessageContaining("expected SHA-256 " + SHA);
  }

  @Test
  void failsWhenContentIsTruncatedOrTooLong() {
    InputStream truncated =
        new VerifyingInputStream(new ByteArrayInputStream(CONTENT, 0, 5), "k", CONTENT.length, SHA);
    assertThatThrownBy(truncated::readAllBytes)
        .isInstanceOf(ArtifactCorruptedException.class)
        .hasMessageContaining("expected " + CONTENT.length + " bytes but read 5");

    InputStream tooLong = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), "k", 3, SHA);
    assertThatThrownBy(tooLong::readAllBytes).isInstanceOf(ArtifactCorruptedException.class);
  }

  @Test
  void verifiesSingleByteReadsToo() {
    byte[] damaged = CONTENT.clone();
    damaged[3] ^= 1;
    InputStream in =
        new VerifyingInputStream(new ByteArrayInputStream(damaged), "k", CONTENT.length, SHA);

    assertThatThrownBy(
            () -> {
              while (in.read() >= 0) {
                // drain
              }
            })
        .isInstanceOf(ArtifactCorruptedException.class);
  }

  @Test
  void anS3StoreRefusesPartsSmallerThanS3Allows() {
    assertThatThrownBy(() -> new S3ArtifactStore(null, "bucket", "", 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partSize");
  }
}
