package io.llmtwin.feature.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeFenceTest {

  @Test
  void opensOnBackticksOrTildesIndentedAtMostThreeSpaces() {
    assertThat(CodeFence.openedBy("```java")).contains(new CodeFence("```"));
    assertThat(CodeFence.openedBy("   ~~~")).contains(new CodeFence("~~~"));
    assertThat(CodeFence.openedBy("    ```")).isEmpty();
    assertThat(CodeFence.openedBy("text ```")).isEmpty();
    assertThat(CodeFence.openedBy("``")).isEmpty();
  }

  @Test
  void closesOnlyOnItsOwnMarker() {
    CodeFence tildes = CodeFence.openedBy("~~~").orElseThrow();
    assertThat(tildes.closedBy("```")).isFalse();
    assertThat(tildes.closedBy("int x = 1;")).isFalse();
    assertThat(tildes.closedBy("  ~~~  ")).isTrue();
  }
}
