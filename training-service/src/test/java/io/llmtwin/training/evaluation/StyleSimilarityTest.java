package io.llmtwin.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class StyleSimilarityTest {

  /** Embeds a text as (count of "rust", count of "garden"). */
  static final EmbeddingModel COUNTS =
      new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
          return Response.from(
              segments.stream()
                  .map(
                      s ->
                          Embedding.from(
                              new float[] {count(s.text(), "rust"), count(s.text(), "garden")}))
                  .toList());
        }
      };

  static float count(String text, String word) {
    return (float) text.split(word, -1).length - 1 + 0.001f;
  }

  @Test
  void meanCosineOverAllPairsAndEmptyGenerationsCountAsZero() {
    StyleSimilarity style = new StyleSimilarity(COUNTS);
    StyleSimilarity.Reference author = style.reference(List.of("rust rust", "rust"));
    assertThat(style.similarity(List.of("rust is fun"), author)).isCloseTo(1.0, offset(1e-3));
    assertThat(style.similarity(List.of("garden"), author)).isCloseTo(0.0, offset(1e-2));
    assertThat(style.similarity(List.of("rust", ""), author)).isCloseTo(0.5, offset(1e-3));
    assertThat(style.similarity(List.of(), author)).isZero();
  }
}
