package io.llmtwin.featurestore.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A cross-encoder {@link Reranker}: scores every (query, chunk) pair with a LangChain4j {@link
 * ScoringModel} (for example {@code OnnxScoringModel} over a local ms-marco cross-encoder) and
 * sorts by that score, which becomes the chunk's score. No cross-encoder weights ship in a Maven
 * Central artifact, so this is used only when one is configured (see ADR 0090).
 */
public final class ScoringModelReranker implements Reranker {
  private final ScoringModel model;

  public ScoringModelReranker(ScoringModel model) {
    this.model = model;
  }

  @Override
  public List<RetrievedChunk> rerank(
      String query, float[] queryVector, List<Candidate> candidates, int topK) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments =
        candidates.stream().map(c -> TextSegment.from(c.chunk().text())).toList();
    List<Double> scores = model.scoreAll(segments, query).content();
    if (scores.size() != candidates.size()) {
      throw new IllegalStateException(
          "scoring model returned %d scores for %d chunks"
              .formatted(scores.size(), candidates.size()));
    }
    List<RetrievedChunk> scored = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      scored.add(candidates.get(i).chunk().withScore(scores.get(i)));
    }
    scored.sort(Comparator.comparingDouble(RetrievedChunk::score).reversed());
    return List.copyOf(scored.subList(0, Math.min(topK, scored.size())));
  }
}
