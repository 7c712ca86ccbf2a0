package io.llmtwin.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {

  @Test
  void bindsEachKeyToItsAuthor() {
    var registry = ApiKeyRegistry.parse(List.of("alice:alice-key-123", " bob : bob-key-4567 "));
    assertThat(registry.authenticate("alice-key-123"))
        .map(ApiKeyPrincipal::authorId)
        .hasValue("alice");
    assertThat(registry.authenticate("bob-key-4567"))
        .map(ApiKeyPrincipal::authorId)
        .hasValue("bob");
    assertThat(registry.authenticate("bob-key-456")).isEmpty();
    assertThat(registry.authenticate("")).isEmpty();
  }

  @Test
  void keyIdDoesNotRevealTheKey() {
    var principal =
        ApiKeyRegistry.parse(List.of("alice:alice-key-123")).authenticate("alice-key-123");
    assertThat(principal.orElseThrow().keyId()).hasSize(12).doesNotContain("alice-key");
  }

  @Test
  void rejectsMalformedEntriesWithoutEchoingTheKey() {
    assertThatThrownBy(() -> ApiKeyRegistry.parse(List.of("no-colon-here")))
        .hasMessageContaining("authorId:key");
    assertThatThrownBy(() -> ApiKeyRegistry.parse(List.of("alice:short")))
        .hasMessageContaining("shorter than 8")
        .hasMessageNotContaining("short:");
    assertThatThrownBy(() -> ApiKeyRegistry.parse(List.of("a:same-key-123", "b:same-key-123")))
        .hasMessageContaining("repeats")
        .hasMessageNotContaining("same-key-123");
  }

  @Test
  void ignoresBlankEntriesSoAnEmptyVariableMeansNoKeys() {
    assertThat(ApiKeyRegistry.parse(List.of("", "  ")).isEmpty()).isTrue();
  }
}
