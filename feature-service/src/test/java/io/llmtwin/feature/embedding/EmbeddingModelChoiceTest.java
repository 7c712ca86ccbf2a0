package io.llmtwin.feature.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.feature.chunking.HuggingFaceTokenCounter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddingModelChoiceTest {

  @ParameterizedTest
  @EnumSource(EmbeddingModelChoice.class)
  void everyModelLoadsOfflineEmbedsWithItsDeclaredSizeAndShipsItsTokenizer(
      EmbeddingModelChoice choice) {
    var embedder = new LangChain4jEmbedder(choice.load(), choice.spec());
    List<float[]> vectors = embedder.embed(List.of("Retrieval first.", "Straße nach Zürich 🚀"));
    assertThat(vectors).hasSize(2);
    assertThat(vectors).allSatisfy(v -> assertThat(v).hasSize(choice.spec().dimension()));
    try (var tokens = HuggingFaceTokenCounter.fromClasspath(choice.tokenizerResource())) {
      assertThat(tokens.count("hello world")).isEqualTo(2);
    }
  }
}
