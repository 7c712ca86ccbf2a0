package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retrieval quality on the fixture corpus (63 documents, 3 authors, 3 types, 46 labelled queries):
 * recall@5, MRR and nDCG@10 over documents for dense only, hybrid and hybrid+rerank.
 */
class RetrievalEvaluationIT {
  private static final int CHUNKS_PER_QUERY = 20;

  private static IndexedCorpus corpus;

  record Scores(double recallAt5, double mrr, double ndcgAt10) {}

  @BeforeAll
  static void index() {
    corpus = IndexedCorpus.get();
  }

  @Test
  void fixtureIsLargeEnoughAndLabelsPointAtRealDocuments() {
    var ids = corpus.documents.stream().map(d -> d.documentId()).toList();
    assertThat(ids).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
    assertThat(corpus.documents.stream().map(d -> d.authorId()).distinct()).hasSize(3);
    assertThat(corpus.documents.stream().map(d -> d.type()).distinct()).hasSize(3);
    var queries = EvaluationCorpus.queries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(40);
    queries.forEach(q -> assertThat(ids).as(q.text()).containsAll(q.relevant()));
  }

  @Test
  void hybridWithRerankReachesTheQualityBarAndBeatsDenseOnly() {
    QdrantRetriever retriever = corpus.retriever().build();
    SearchOptions base = SearchOptions.defaults().withExpansion(false).withTopK(CHUNKS_PER_QUERY);
    Map<String, SearchOptions> configs = new LinkedHashMap<>();
    configs.put("dense", base.withMode(SearchMode.DENSE).withRerank(false));
    configs.put("hybrid", base.withMode(SearchMode.HYBRID).withRerank(false));
    configs.put("hybrid+rerank", base.withMode(SearchMode.HYBRID).withRerank(true));

    Map<String, Scores> results = new LinkedHashMap<>();
    configs.forEach((name, options) -> results.put(name, evaluate(retriever, name, options)));

    StringBuilder table =
        new StringBuilder(
            "%nRetrieval evaluation: %d documents, %d chunks, %d queries%n"
                .formatted(
                    corpus.documents.size(), corpus.chunks, EvaluationCorpus.queries().size()));
    table.append("%-15s %9s %7s %9s%n".formatted("config", "recall@5", "MRR", "nDCG@10"));
    results.forEach(
        (name, s) ->
            table.append(
                "%-15s %9.3f %7.3f %9.3f%n".formatted(name, s.recallAt5(), s.mrr(), s.ndcgAt10())));
    System.out.println(table);

    Scores dense = results.get("dense");
    Scores best = results.get("hybrid+rerank");
    assertThat(best.recallAt5()).as("hybrid+rerank recall@5").isGreaterThanOrEqualTo(0.8);
    assertThat(best.recallAt5()).as("recall@5 vs dense").isGreaterThanOrEqualTo(dense.recallAt5());
    assertThat(best.mrr()).as("MRR vs dense").isGreaterThanOrEqualTo(dense.mrr());
    assertThat(best.ndcgAt10()).as("nDCG@10 vs dense").isGreaterThanOrEqualTo(dense.ndcgAt10());
  }

  private static Scores evaluate(Retriever retriever, String name, SearchOptions options) {
    double recall = 0;
    double mrr = 0;
    double ndcg = 0;
    List<String> misses = new ArrayList<>();
    var queries = EvaluationCorpus.queries();
    for (EvaluationCorpus.Query q : queries) {
      RetrievalResult result = retriever.search(q.text(), options);
      List<String> ranked =
          new ArrayList<>(
              new LinkedHashSet<>(result.chunks().stream().map(c -> c.documentId()).toList()));
      ranked = ranked.subList(0, Math.min(10, ranked.size()));
      double r = RetrievalMetrics.recallAt(ranked, q.relevant(), 5);
      recall += r;
      mrr += RetrievalMetrics.reciprocalRank(ranked, q.relevant());
      ndcg += RetrievalMetrics.ndcgAt(ranked, q.relevant(), 10);
      if (r < 1) {
        misses.add(
            "  %.2f %s -> %s"
                .formatted(r, q.text(), ranked.subList(0, Math.min(5, ranked.size()))));
      }
    }
    if (Boolean.getBoolean("retrieval.eval.verbose")) {
      System.out.println(name + " misses:\n" + String.join("\n", misses));
    }
    int n = queries.size();
    return new Scores(recall / n, mrr / n, ndcg / n);
  }
}
