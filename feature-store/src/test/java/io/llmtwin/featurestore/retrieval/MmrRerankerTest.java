package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class MmrRerankerTest {
  private static final float[] QUERY = {1, 0, 0};

  static Candidate candidate(String id, double score, float... vector) {
    return new Candidate(
        new RetrievedChunk(
            id,
            id,
            0,
            "text of " + id,
            "ana",
            DocumentType.POST,
            Platform.LINKEDIN,
            null,
            null,
            null,
            score),
        vector);
  }

  private static List<String> ids(List<RetrievedChunk> chunks) {
    return chunks.stream().map(RetrievedChunk::pointId).toList();
  }

  @Test
  void dropsNearDuplicatesOfWhatWasAlreadyPicked() {
    List<Candidate> candidates =
        List.of(
            candidate("article", 1.0, 1, 0.1f, 0),
            candidate("crosspost", 0.95, 1, 0.1f, 0.001f),
            candidate("other", 0.5, 0.6f, 0.8f, 0));

    List<RetrievedChunk> top = new MmrReranker(0.8, 0.95).rerank("q", QUERY, candidates, 3);

    assertThat(ids(top)).containsExactly("article", "other");
  }

  @Test
  void prefersANovelChunkOverAMoreRelevantRedundantOne() {
    List<Candidate> candidates =
        List.of(
            candidate("a", 1.0, 1, 0, 0),
            candidate("a-like", 0.9, 0.9f, 0.3f, 0),
            candidate("b", 0.8, 0, 0, 1));

    assertThat(ids(new MmrReranker(0.5, 0.99).rerank("q", QUERY, candidates, 2)))
        .containsExactly("a", "b");
    assertThat(ids(new MmrReranker(1.0, 0.99).rerank("q", QUERY, candidates, 2)))
        .containsExactly("a", "a-like");
  }

  @Test
  void keepsScoresAndHandlesFewCandidates() {
    List<RetrievedChunk> top =
        new MmrReranker(0.8, 0.95).rerank("q", QUERY, List.of(candidate("x", 0.3, 1, 0, 0)), 5);
    assertThat(top).singleElement().extracting(RetrievedChunk::score).isEqualTo(0.3);
    assertThat(new MmrReranker(0.8, 0.95).rerank("q", QUERY, List.of(), 5)).isEmpty();
  }

  @Test
  void rejectsParametersOutOfRange() {
    assertThatThrownBy(() -> new MmrReranker(1.5, 0.9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MmrReranker(0.5, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
