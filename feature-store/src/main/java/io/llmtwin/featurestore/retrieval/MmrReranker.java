package io.llmtwin.featurestore.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximal marginal relevance over the chunks' dense vectors (Carbonell and Goldstein, 1998): picks
 * chunks one at a time by {@code λ·relevance − (1−λ)·max cosine to the chunks already picked}, and
 * drops a candidate outright when it is a near-duplicate (cosine at or above a threshold) of one
 * already picked, e.g. the same paragraph cross-posted as an article and a post. Relevance is the
 * fused score scaled to [0, 1] over the candidates. See {@code docs/adr/0090-retrieval-rerank.md}.
 */
public final class MmrReranker implements Reranker {
  private final double lambda;
  private final double duplicateThreshold;

  /**
   * @param lambda weight of relevance against novelty, in [0, 1]; 1 keeps the fused order
   * @param duplicateThreshold cosine at or above which a candidate counts as a duplicate, in (0, 1]
   */
  public MmrReranker(double lambda, double duplicateThreshold) {
    if (lambda < 0 || lambda > 1) {
      throw new IllegalArgumentException("MMR lambda must be in [0, 1], was " + lambda);
    }
    if (duplicateThreshold <= 0 || duplicateThreshold > 1) {
      throw new IllegalArgumentException(
          "duplicate threshold must be in (0, 1], was " + duplicateThreshold);
    }
    this.lambda = lambda;
    this.duplicateThreshold = duplicateThreshold;
  }

  @Override
  public List<RetrievedChunk> rerank(
      String query, float[] queryVector, List<Candidate> candidates, int topK) {
    int n = candidates.size();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Candidate c : candidates) {
      min = Math.min(min, c.chunk().score());
      max = Math.max(max, c.chunk().score());
    }
    double[] relevance = new double[n];
    for (int i = 0; i < n; i++) {
      double s = candidates.get(i).chunk().score();
      relevance[i] = max > min ? (s - min) / (max - min) : 1.0;
    }
    double[] maxSimilarity = new double[n];
    boolean[] gone = new boolean[n];
    List<RetrievedChunk> picked = new ArrayList<>(Math.min(topK, n));
    while (picked.size() < topK) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (gone[i]) {
          continue;
        }
        double mmr = lambda * relevance[i] - (1 - lambda) * maxSimilarity[i];
        if (mmr > bestScore) {
          bestScore = mmr;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      gone[best] = true;
      picked.add(candidates.get(best).chunk());
      float[] chosen = candidates.get(best).vector();
      for (int i = 0; i < n; i++) {
        if (gone[i]) {
          continue;
        }
        double sim = Vectors.cosine(chosen, candidates.get(i).vector());
        if (sim >= duplicateThreshold) {
          gone[i] = true;
        }
        maxSimilarity[i] = Math.max(maxSimilarity[i], sim);
      }
    }
    return picked;
  }
}
