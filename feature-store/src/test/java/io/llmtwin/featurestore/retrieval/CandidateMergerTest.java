package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateMergerTest {
  private static final float[] QUERY = {1, 0};

  private static Candidate hit(
      String point, String text, DocumentType type, double score, float... v) {
    return new Candidate(
        new RetrievedChunk(
            point, "doc-" + point, 0, text, "ana", type, Platform.MEDIUM, null, null, null, score),
        v);
  }

  @Test
  void sumsTheScoresOfEveryQueryVariantThatFoundAChunk() {
    CandidateMerger merger = new CandidateMerger(2, false);
    merger.add(0, hit("p1", "one", DocumentType.ARTICLE, 0.5, 1, 0));
    merger.add(0, hit("p2", "two", DocumentType.ARTICLE, 0.6, 1, 0));
    merger.add(1, hit("p1", "one", DocumentType.ARTICLE, 0.4, 1, 0));

    List<Candidate> merged = merger.merged(List.of(QUERY, QUERY));

    assertThat(merged).extracting(c -> c.chunk().pointId()).containsExactly("p1", "p2");
    assertThat(merged.get(0).chunk().score())
        .isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void keepsIdenticalTextFromDifferentTypesOnce() {
    CandidateMerger merger = new CandidateMerger(1, false);
    merger.add(0, hit("article", "Same  paragraph.", DocumentType.ARTICLE, 0.5, 1, 0));
    merger.add(0, hit("post", "same paragraph.", DocumentType.POST, 0.7, 1, 0));

    assertThat(merger.merged(List.of(QUERY)))
        .singleElement()
        .extracting(c -> c.chunk().pointId())
        .isEqualTo("post");
  }

  @Test
  void inHybridModeTheCosineBreaksTiesBetweenCollections() {
    CandidateMerger merger = new CandidateMerger(1, true);
    merger.add(0, hit("best-post", "post", DocumentType.POST, 1.0, 0, 1));
    merger.add(0, hit("best-article", "article", DocumentType.ARTICLE, 1.0, 1, 0));

    assertThat(merger.merged(List.of(QUERY)))
        .extracting(c -> c.chunk().pointId())
        .containsExactly("best-article", "best-post");
  }
}
