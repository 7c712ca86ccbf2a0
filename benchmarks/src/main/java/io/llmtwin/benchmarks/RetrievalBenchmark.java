package io.llmtwin.benchmarks;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.llmtwin.devstack.qdrant.EmbeddedQdrant;
import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.featurestore.EmbeddedChunk;
import io.llmtwin.featurestore.EmbeddingModelSpec;
import io.llmtwin.featurestore.FeatureStoreSchema;
import io.llmtwin.featurestore.PointIds;
import io.llmtwin.featurestore.QdrantClientFactory;
import io.llmtwin.featurestore.QdrantConnectionProperties;
import io.llmtwin.featurestore.QdrantFeatureStore;
import io.llmtwin.featurestore.retrieval.QdrantRetriever;
import io.llmtwin.featurestore.retrieval.RetrievalResult;
import io.llmtwin.featurestore.retrieval.RetrievedChunk;
import io.llmtwin.featurestore.retrieval.SearchMode;
import io.llmtwin.featurestore.retrieval.SearchOptions;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Retrieval over a synthetic feature store: indexes N chunks (default 10,000) of generated
 * technical text across 3 types and 10 authors through the feature store's write API, then measures
 * the latency of a full search (query embedding + one hybrid query per type + merge + MMR rerank,
 * expansion off) and the recall@10 of dense-mode retrieval against exact brute-force cosine search
 * over the same vectors in memory. The baseline of the ratio is embedding the query alone.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.llmtwin.benchmarks.RetrievalBenchmark
 * [chunks] [queries] [qdrantHost:port]} — without a host an in-process {@link EmbeddedQdrant}
 * (exact search, so dense recall is 1 by construction; point it at a real Qdrant to measure HNSW).
 */
public final class RetrievalBenchmark {
  private static final int CHUNKS_PER_DOCUMENT = 5;
  private static final String[][] TOPICS = {
    {"kafka", "consumer", "partition", "offset", "rebalance", "broker", "topic", "lag"},
    {"postgres", "replication", "slot", "wal", "vacuum", "index", "query", "planner"},
    {"mongodb", "oplog", "change", "stream", "resume", "token", "replica", "shard"},
    {"lora", "adapter", "rank", "finetuning", "gradient", "optimizer", "weights", "frozen"},
    {"quantization", "nf4", "int8", "gguf", "block", "scale", "perplexity", "llama"},
    {"retrieval", "embedding", "chunk", "hybrid", "bm25", "fusion", "rerank", "recall"},
    {"kubernetes", "pod", "probe", "liveness", "readiness", "deployment", "restart", "node"},
    {"prometheus", "metric", "label", "cardinality", "histogram", "alert", "scrape", "grafana"},
    {"grpc", "deadline", "retry", "interceptor", "stub", "channel", "status", "backoff"},
    {"spring", "bean", "configuration", "properties", "actuator", "controller", "record", "boot"},
    {"virtual", "thread", "carrier", "pinning", "executor", "blocking", "loom", "monitor"},
    {"testing", "container", "awaitility", "fixture", "contract", "mock", "integration", "flaky"}
  };
  private static final String[] FILLER = {
    "the",
    "we",
    "found",
    "that",
    "when",
    "our",
    "team",
    "moved",
    "after",
    "because",
    "so",
    "it",
    "production",
    "service",
    "latency",
    "failure",
    "cost",
    "simple",
    "first",
    "measure",
    "again"
  };

  private RetrievalBenchmark() {}

  public static void main(String[] args) {
    int chunkCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    EmbeddedQdrant embedded = null;
    QdrantConnectionProperties connection;
    if (args.length > 2) {
      String[] hostPort = args[2].split(":");
      connection = QdrantConnectionProperties.of(hostPort[0], Integer.parseInt(hostPort[1]));
    } else {
      embedded = EmbeddedQdrant.builder().port(0).start();
      connection = QdrantConnectionProperties.of(embedded.host(), embedded.port());
    }
    try (QdrantClient client = QdrantClientFactory.create(connection)) {
      run(client, chunkCount, queryCount, embedded == null ? "qdrant" : "embedded");
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    System.exit(0);
  }

  private static void run(QdrantClient client, int chunkCount, int queryCount, String server) {
    EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    EmbeddingModelSpec spec = new EmbeddingModelSpec("all-minilm-l6-v2-q", 384);
    Duration timeout = Duration.ofSeconds(60);
    new FeatureStoreSchema(client, spec, timeout).ensure();
    QdrantFeatureStore store = new QdrantFeatureStore(client, spec, timeout);
    Random random = new Random(42);

    List<String> ids = new ArrayList<>(chunkCount);
    List<float[]> vectors = new ArrayList<>(chunkCount);
    long indexStart = System.nanoTime();
    int documents = (chunkCount + CHUNKS_PER_DOCUMENT - 1) / CHUNKS_PER_DOCUMENT;
    for (int d = 0; d < documents; d++) {
      DocumentType type = DocumentType.values()[d % 3];
      String documentId = "bench-" + d;
      int topic = random.nextInt(TOPICS.length);
      int n = Math.min(CHUNKS_PER_DOCUMENT, chunkCount - d * CHUNKS_PER_DOCUMENT);
      List<String> texts = IntStream.range(0, n).mapToObj(i -> paragraph(random, topic)).toList();
      var embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
      List<EmbeddedChunk> chunks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        float[] v = embeddings.get(i).vector();
        chunks.add(new EmbeddedChunk(i, texts.get(i), v));
        ids.add(PointIds.chunk(documentId, i).toString());
        vectors.add(normalise(v));
      }
      CleanedDocument document =
          new CleanedDocument(
              documentId,
              type,
              "author-" + (d % 10),
              type == DocumentType.REPOSITORY ? Platform.GITHUB : Platform.MEDIUM,
              "https://example.com/" + documentId,
              "Document " + d,
              Instant.parse("2025-01-01T00:00:00Z"),
              null,
              "en",
              null,
              null,
              String.join("\n\n", texts));
      store.upsertCleaned(document);
      store.replaceChunks(document, chunks);
    }
    double indexSeconds = (System.nanoTime() - indexStart) / 1e9;

    QdrantRetriever retriever = QdrantRetriever.builder(client, model).timeout(timeout).build();
    List<String> queries = IntStream.range(0, queryCount).mapToObj(i -> query(random)).toList();
    for (int i = 0; i < Math.min(20, queryCount); i++) { // warm-up
      retriever.search(queries.get(i), SearchOptions.defaults().withExpansion(false));
    }

    long[] embedNanos = new long[queryCount];
    long[] searchNanos = new long[queryCount];
    double recallSum = 0;
    double hybridOverlapSum = 0;
    for (int q = 0; q < queryCount; q++) {
      String query = queries.get(q);
      long t0 = System.nanoTime();
      float[] queryVector = model.embed(query).content().vector();
      long t1 = System.nanoTime();
      SearchOptions tenant =
          SearchOptions.defaults()
              .withExpansion(false)
              .withTopK(10)
              .withAuthor(q % 2 == 0 ? "author-" + (q % 10) : null);
      retriever.search(query, tenant);
      long t2 = System.nanoTime();
      embedNanos[q] = t1 - t0;
      searchNanos[q] = t2 - t1;

      Set<String> exact = bruteForceTop(normalise(queryVector), ids, vectors, 10);
      RetrievalResult dense =
          retriever.search(
              query,
              SearchOptions.defaults()
                  .withExpansion(false)
                  .withRerank(false)
                  .withMode(SearchMode.DENSE)
                  .withTopK(10));
      recallSum += overlap(dense.chunks(), exact) / 10.0;
      RetrievalResult hybrid =
          retriever.search(query, SearchOptions.defaults().withExpansion(false).withTopK(10));
      hybridOverlapSum += overlap(hybrid.chunks(), exact) / 10.0;
    }
    Arrays.sort(embedNanos);
    Arrays.sort(searchNanos);
    double p50 = percentile(searchNanos, 0.50);
    double p99 = percentile(searchNanos, 0.99);
    double embedP50 = percentile(embedNanos, 0.50);
    Summary.of("retrieval")
        .put("server", server)
        .put("chunks", ids.size())
        .put("queries", queryCount)
        .put("index_s", indexSeconds)
        .put("search_p50_ms", p50)
        .put("search_p99_ms", p99)
        .put("embed_p50_ms", embedP50)
        .put("dense_recall@10", recallSum / queryCount)
        .put("hybrid_rerank_overlap@10", hybridOverlapSum / queryCount)
        .ratio(p50, embedP50)
        .print();
  }

  private static String paragraph(Random random, int topic) {
    StringBuilder text = new StringBuilder();
    int words = 40 + random.nextInt(30);
    for (int w = 0; w < words; w++) {
      String word =
          random.nextInt(3) == 0
              ? FILLER[random.nextInt(FILLER.length)]
              : TOPICS[random.nextInt(10) == 0 ? random.nextInt(TOPICS.length) : topic][
                  random.nextInt(8)];
      text.append(w == 0 ? "" : " ").append(word);
      if (random.nextInt(12) == 0) {
        text.append(". ");
      }
    }
    if (random.nextInt(4) == 0) {
      text.append(" error E").append(1000 + random.nextInt(9000));
    }
    return text.append('.').toString();
  }

  private static String query(Random random) {
    String[] topic = TOPICS[random.nextInt(TOPICS.length)];
    StringBuilder q = new StringBuilder("how do I handle");
    for (int i = 0; i < 4; i++) {
      q.append(' ').append(topic[random.nextInt(topic.length)]);
    }
    return q.toString();
  }

  private static Set<String> bruteForceTop(
      float[] query, List<String> ids, List<float[]> vectors, int k) {
    Integer[] order = new Integer[ids.size()];
    double[] scores = new double[ids.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      float[] v = vectors.get(i);
      double dot = 0;
      for (int j = 0; j < v.length; j++) {
        dot += v[j] * query[j];
      }
      scores[i] = dot;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
    Set<String> top = new HashSet<>();
    for (int i = 0; i < Math.min(k, order.length); i++) {
      top.add(ids.get(order[i]));
    }
    return top;
  }

  private static long overlap(List<RetrievedChunk> chunks, Set<String> exact) {
    return chunks.stream().filter(c -> exact.contains(c.pointId())).count();
  }

  private static float[] normalise(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
    }
    return out;
  }

  /** A percentile of sorted nanoseconds, in milliseconds. */
  private static double percentile(long[] sortedNanos, double p) {
    return Percentiles.nearestRank(Arrays.stream(sortedNanos).boxed().toList(), p).orElseThrow()
        / 1e6;
  }
}
