package io.llmtwin.devstack.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryEngineTest {

  @Test
  void reciprocalRankFusionMatchesQdrantsOwnReferenceScores() {
    // the example from Qdrant's reciprocal_rank_fusion.rs unit test (k = 2)
    List<List<QueryEngine.Scored>> sources =
        List.of(
            List.of(scored(2, 0.9f), scored(1, 0.8f)),
            List.of(scored(1, 0.7f), scored(2, 0.6f), scored(3, 0.5f)),
            List.of(scored(5, 0.9f), scored(3, 0.5f), scored(1, 0.4f)));

    List<QueryEngine.Scored> fused = QueryEngine.rrf(sources, QueryEngine.RRF_K);

    assertThat(fused).extracting(s -> s.point().id().num()).containsExactly(1L, 2L, 3L, 5L);
    assertThat(fused.get(0).score()).isEqualTo(1.0833334f);
    assertThat(fused.get(1).score()).isEqualTo(0.8333334f);
    assertThat(fused.get(2).score()).isEqualTo(0.5833334f);
    assertThat(fused.get(3).score()).isEqualTo(0.5f);
  }

  @Test
  void distributionBasedFusionNormalisesEachSourceByThreeStandardDeviations() {
    List<List<QueryEngine.Scored>> sources =
        List.of(List.of(scored(1, 10f), scored(2, 0f)), List.of(scored(3, 4f)));

    List<QueryEngine.Scored> fused = QueryEngine.dbsf(sources);

    // mean 5, sample std 7.0711: [5 - 21.21, 5 + 21.21] mapped to [0, 1]
    assertThat(fused).extracting(s -> s.point().id().num()).containsExactly(1L, 3L, 2L);
    assertThat(fused.get(0).score()).isCloseTo(0.6179f, within(1e-4f));
    assertThat(fused.get(1).score()).isEqualTo(0.5f);
    assertThat(fused.get(2).score()).isCloseTo(0.3821f, within(1e-4f));
  }

  @Test
  void equalScoresAreOrderedByPointId() {
    List<QueryEngine.Scored> fused =
        QueryEngine.rrf(List.of(List.of(scored(9, 1f)), List.of(scored(4, 1f))), 2);

    assertThat(fused).extracting(s -> s.point().id().num()).containsExactly(4L, 9L);
  }

  private static QueryEngine.Scored scored(long id, float score) {
    return new QueryEngine.Scored(
        new StoredPoint(new PointKey(id, null), Map.of(), Map.of(), Map.of(), 0), score);
  }
}
