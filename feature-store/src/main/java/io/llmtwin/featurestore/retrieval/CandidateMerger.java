package io.llmtwin.featurestore.retrieval;

import io.llmtwin.model.document.DocumentType;
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
 * rewrites agree on rises. Hits of the same point are merged; chunks with identical text (the same
 * paragraph cross-posted) are kept once, with the better relevance.
 */
final class CandidateMerger {
  private final int variants;
  private final Map<String, Candidate> byPoint = new LinkedHashMap<>();
  private final Map<String, double[]> scores = new HashMap<>();

  CandidateMerger(int variants) {
    this.variants = variants;
  }

  void add(int variant, DocumentType type, int rank, Candidate candidate) {
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
