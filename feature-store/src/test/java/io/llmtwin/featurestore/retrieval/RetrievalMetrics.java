package io.llmtwin.featurestore.retrieval;

import java.util.List;
import java.util.Set;

/** Ranking metrics over document ids with binary relevance. */
final class RetrievalMetrics {
  private RetrievalMetrics() {}

  static double recallAt(List<String> ranked, Set<String> relevant, int k) {
    long hits = ranked.stream().limit(k).filter(relevant::contains).count();
    return hits / (double) relevant.size();
  }

  static double reciprocalRank(List<String> ranked, Set<String> relevant) {
    for (int i = 0; i < ranked.size(); i++) {
      if (relevant.contains(ranked.get(i))) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  static double ndcgAt(List<String> ranked, Set<String> relevant, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.contains(ranked.get(i))) {
        dcg += 1 / log2(i + 2);
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.size()); i++) {
      ideal += 1 / log2(i + 2);
    }
    return ideal == 0 ? 0 : dcg / ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
