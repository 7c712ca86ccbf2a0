package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringModelRerankerTest {

  @Test
  void ordersByTheCrossEncoderScore() {
    ScoringModel lengthScorer =
        new ScoringModel() {
          @Override
          public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
            return Response.from(segments.stream().map(s -> (double) s.text().length()).toList());
          }
        };
    List<Candidate> candidates =
        List.of(
            MmrRerankerTest.candidate("a", 1.0, 1, 0, 0),
            MmrRerankerTest.candidate("longer-id", 0.5, 0, 1, 0),
            MmrRerankerTest.candidate("bb", 0.7, 0, 0, 1));

    List<RetrievedChunk> top =
        new ScoringModelReranker(lengthScorer).rerank("q", new float[] {1, 0, 0}, candidates, 2);

    assertThat(top).extracting(RetrievedChunk::pointId).containsExactly("longer-id", "bb");
    assertThat(top.get(0).score()).isEqualTo("text of longer-id".length());
  }
}
