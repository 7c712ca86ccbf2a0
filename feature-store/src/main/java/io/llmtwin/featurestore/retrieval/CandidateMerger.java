package io.llmtwin.featurestore.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the ranked hits of every (query variant, document type) list into one candidate list.
 *
 * <p>A chunk's relevance is the sum over the query variants that found it of its Qdrant score in
 * that variant's list (the RRF score in hybrid mode, the cosine in dense mode), so a chunk several
 * rewrites agree on rises. In hybrid mode {@value #COSINE_WEIGHT} times the cosine between each
 * query variant and the chunk's dense vector is added: RRF scores come from ranks within one
 * collection, so without it the best article, the best post and the best code file would tie
 * whatever their actual relevance; the cosine (same model in every collection) breaks that tie.
 * Hits of the same point are merged; chunks with identical text (the same paragraph cross-posted)
 * are kept once, with the better relevance.
 */
final class CandidateMerger {
  /** Weight of the cosine term in hybrid mode, chosen on the evaluation set (ADR 0090). */
  static final double COSINE_WEIGHT = 0.5;

  private final int variants;
  private final boolean addCosine;
  private final Map<String, Candidate> byPoint = new LinkedHashMap<>();
  private final Map<String, double[]> scores = new HashMap<>();

  /**
   * @param variants number of query variants
   * @param addCosine whether to add the cosine term (hybrid mode, where the per-collection RRF
   *     scores are ranks and say nothing about absolute relevance across collections)
   */
  CandidateMerger(int variants, boolean addCosine) {
    this.variants = variants;
    this.addCosine = addCosine;
  }

  void add(int variant, Candidate candidate) {
    String id = candidate.chunk().pointId();
    byPoint.putIfAbsent(id, candidate);
    double[] perVariant = scores.computeIfAbsent(id, k -> new double[variants]);
    perVariant[variant] = Math.max(perVariant[variant], candidate.chunk().score());
  }

  /** The merged candidates, best relevance first (ties by point id). */
  List<Candidate> merged(List<float[]> queryVectors) {
    Map<String, Candidate> byText = new LinkedHashMap<>();
    for (Map.Entry<String, Candidate> e : byPoint.entrySet()) {
      double relevance = 0;
      for (double s : scores.get(e.getKey())) {
        relevance += s;
      }
      Candidate c = e.getValue();
      if (addCosine) {
        for (float[] q : queryVectors) {
          relevance += COSINE_WEIGHT * Vectors.cosine(q, c.vector());
        }
      }
      Candidate scored = new Candidate(c.chunk().withScore(relevance), c.vector());
      byText.merge(
          textKey(c.chunk().text()),
          scored,
          (a, b) -> a.chunk().score() >= b.chunk().score() ? a : b);
    }
    List<Candidate> merged = new ArrayList<>(byText.values());
    merged.sort(
        Comparator.comparingDouble((Candidate c) -> c.chunk().score())
            .reversed()
            .thenComparing(c -> c.chunk().pointId()));
    return merged;
  }

  private static String textKey(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
