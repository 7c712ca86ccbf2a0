package io.llmtwin.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QdrantConnectionPropertiesTest {
  @Test
  void defaultsToLocalGrpcPortWithoutTls() {
    var p = new QdrantConnectionProperties(null, null, null, null, null);
    assertThat(p.host()).isEqualTo("localhost");
    assertThat(p.port()).isEqualTo(6334);
    assertThat(p.useTls()).isFalse();
    assertThat(p.hasApiKey()).isFalse();
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void neverPrintsTheApiKey() {
    var p = new QdrantConnectionProperties("q", 1, "s3cret", true, null);
    assertThat(p.toString()).doesNotContain("s3cret").contains("***");
  }

  @Test
  void rejectsInvalidPort() {
    assertThatThrownBy(() -> QdrantConnectionProperties.of("h", 70000))
        .hasMessageContaining("llmtwin.qdrant.port");
  }
}
