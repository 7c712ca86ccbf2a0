package io.llmtwin.inference.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkedArticleReaderTest {

  @Test
  void keepsShortArticlesWhole() {
    assertThat(LinkedArticleReader.cut("one\n\ntwo", 100)).isEqualTo("one\n\ntwo");
  }

  @Test
  void cutsLongArticlesAtAParagraphBoundary() {
    String text = "a".repeat(60) + "\n\n" + "b".repeat(60) + "\n\n" + "c".repeat(60);
    assertThat(LinkedArticleReader.cut(text, 130))
        .isEqualTo("a".repeat(60) + "\n\n" + "b".repeat(60));
  }

  @Test
  void cutsHardWhenNoParagraphBoundaryIsNearTheLimit() {
    assertThat(LinkedArticleReader.cut("x".repeat(500), 120)).hasSize(120);
  }
}
