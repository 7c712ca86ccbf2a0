package io.llmtwin.featurestore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalSparseEncoderTest {
  private final LexicalSparseEncoder encoder = new LexicalSparseEncoder();

  @Test
  void splitsOnPunctuationKeepsIdentifiersAndFoldsCaseAndMathLetters() {
    assertThat(encoder.terms("Use the 𝐐𝐝𝐫𝐚𝐧𝐭 client: my_var, RAG-pipeline!"))
        .containsExactly("use", "the", "qdrant", "client", "my_var", "rag", "pipeline");
  }

  @Test
  void keepsNonEnglishWordsAndSplitsChineseIntoBigrams() {
    assertThat(encoder.terms("Straße café 检索增强"))
        .containsExactly("straße", "café", "检索", "索增", "增强");
  }

  @Test
  void documentAndQueryShareTermIdsSoTheyMatch() {
    LexicalVector doc = encoder.encodeDocument("retrieval augmented generation with retrieval");
    LexicalVector query = encoder.encodeQuery("Retrieval?");
    assertThat(doc.indices()).containsAll(query.indices());
    assertThat(query.values()).containsOnly(1f);
    assertThat(doc.indices()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void repeatedTermsWeighMoreButSaturate() {
    LexicalVector once = encoder.encodeDocument("java");
    LexicalVector thrice = encoder.encodeDocument("java java java");
    LexicalVector many = encoder.encodeDocument("java ".repeat(100));
    assertThat(thrice.values().get(0)).isGreaterThan(once.values().get(0));
    assertThat(many.values().get(0)).isLessThan((float) (LexicalSparseEncoder.K1 + 1));
  }

  @Test
  void emptyTextGivesEmptyVector() {
    assertThat(encoder.encodeDocument("  --- ").isEmpty()).isTrue();
  }

  @Test
  void termIdsAreStableAcrossRuns() {
    assertThat(LexicalSparseEncoder.termId("qdrant"))
        .isEqualTo(LexicalSparseEncoder.termId("qdrant"));
    assertThat(LexicalSparseEncoder.termId("qdrant")).isNotNegative();
    // pinned: changing the hash would silently break every stored sparse vector
    assertThat(LexicalSparseEncoder.termId("a")).isEqualTo(0xe40c292c & 0x7fffffff);
  }
}
