package io.llmtwin.benchmarks;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * End-to-end load on a running inference-service's {@code POST /api/v1/generate}: requests/s and
 * p50/p99 latency of JSON generations for {@code clients} concurrent clients against one client
 * (the baseline), and time to the first streamed token (SSE) with and without RAG.
 *
 * <p>Prints {@code BENCH inference-api ... ratio=<rps with N clients / rps with 1 client>}.
 * Arguments: {@code baseUrl apiKey [requestsPerClient=12] [clients=8] [maxTokens=32]}.
 */
public final class InferenceApiBenchmark {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private InferenceApiBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: InferenceApiBenchmark baseUrl apiKey [requestsPerClient] [clients] [maxTokens]");
      System.exit(2);
    }
    String base = args[0].replaceAll("/+$", "");
    String key = args[1];
    int perClient = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    int maxTokens = args.length > 4 ? Integer.parseInt(args[4]) : 32;

    for (int i = 0; i < 4; i++) { // warm-up: JIT, connections, first trace write
      generateJson(base, key, true, maxTokens);
    }
    Load single = load(base, key, 1, perClient, maxTokens);
    Load concurrent = load(base, key, clients, perClient, maxTokens);
    List<Double> ttftRag = new ArrayList<>();
    List<Double> ttftPlain = new ArrayList<>();
    for (int i = 0; i < perClient; i++) {
      ttftRag.add(firstTokenMillis(base, key, true, maxTokens));
      ttftPlain.add(firstTokenMillis(base, key, false, maxTokens));
    }
    Collections.sort(ttftRag);
    Collections.sort(ttftPlain);
    System.out.printf(
        Locale.ROOT,
        "clients=1 rps=%.2f p50=%.1fms p99=%.1fms | clients=%d rps=%.2f p50=%.1fms p99=%.1fms%n",
        single.rps(),
        single.percentile(50),
        single.percentile(99),
        clients,
        concurrent.rps(),
        concurrent.percentile(50),
        concurrent.percentile(99));
    Summary.of("inference-api")
        .put("clients", clients)
        .put("requests", (long) clients * perClient)
        .put("max_tokens", maxTokens)
        .put("rps", concurrent.rps())
        .put("p50_ms", concurrent.percentile(50))
        .put("p99_ms", concurrent.percentile(99))
        .put("rps_1_client", single.rps())
        .put("p50_ms_1_client", single.percentile(50))
        .put("ttft_p50_ms_rag", percentile(ttftRag, 50))
        .put("ttft_p50_ms_no_rag", percentile(ttftPlain, 50))
        .put("ttft_p99_ms_rag", percentile(ttftRag, 99))
        .put("ttft_p99_ms_no_rag", percentile(ttftPlain, 99))
        .put(
            "load_avg",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage())
        .ratio(concurrent.rps(), single.rps())
        .print();
  }

  private record Load(double rps, List<Double> latencies) {
    double percentile(int p) {
      return InferenceApiBenchmark.percentile(latencies, p);
    }
  }

  private static Load load(String base, String key, int clients, int perClient, int maxTokens)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<List<Double>>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Double> mine = new ArrayList<>();
                  for (int i = 0; i < perClient; i++) {
                    long t = System.nanoTime();
                    generateJson(base, key, true, maxTokens);
                    mine.add((System.nanoTime() - t) / 1e6);
                  }
                  return mine;
                }));
      }
      List<Double> all = new ArrayList<>();
      for (Future<List<Double>> f : futures) {
        all.addAll(f.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Collections.sort(all);
      return new Load(all.size() / seconds, all);
    } finally {
      pool.shutdownNow();
    }
  }

  private static HttpRequest request(
      String base, String key, boolean rag, int maxTokens, String accept) {
    String body =
        "{\"prompt\":\"Write about shipping small pull requests\",\"useRag\":"
            + rag
            + ",\"maxTokens\":"
            + maxTokens
            + ",\"temperature\":0}";
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/generate"))
        .timeout(Duration.ofMinutes(5))
        .header("Content-Type", "application/json")
        .header("Accept", accept)
        .header("X-API-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void generateJson(String base, String key, boolean rag, int maxTokens)
      throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            request(base, key, rag, maxTokens, "application/json"),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "generate answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static double firstTokenMillis(String base, String key, boolean rag, int maxTokens)
      throws Exception {
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        HTTP.send(
            request(base, key, rag, maxTokens, "text/event-stream"),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("stream answered " + response.statusCode());
    }
    double first = -1;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (first < 0 && line.startsWith("event:token")) {
          first = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    if (first < 0) {
      throw new IllegalStateException("the stream carried no token event");
    }
    return first;
  }

  /** The {@code p}th percentile of sorted milliseconds, {@code NaN} when there are none. */
  static double percentile(List<Double> sorted, int p) {
    return Percentiles.nearestRank(sorted, p / 100.0).orElse(Double.NaN);
  }
}
