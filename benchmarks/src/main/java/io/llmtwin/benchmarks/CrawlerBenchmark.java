package io.llmtwin.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.web.extract.ContentExtractor;
import io.llmtwin.web.extract.ExtractedArticle;
import io.llmtwin.web.fetch.FetchProperties;
import io.llmtwin.web.fetch.FetchedPage;
import io.llmtwin.web.fetch.HostResolver;
import io.llmtwin.web.fetch.HttpPageFetcher;
import io.llmtwin.web.fetch.SsrfGuard;
import io.llmtwin.web.fetch.SsrfProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.jsoup.Jsoup;

/**
 * Crawls N local fixture article pages (politeness off: no per-host interval, no robots.txt) with
 * the crawler's real fetch pipeline (SSRF guard, size cap, manual redirects) and main-content
 * extraction, on 4 threads like the default crawl concurrency. Baseline: plain HTTP GETs of the
 * same pages on the same threads, without guard or extraction. MongoDB writes are not included.
 *
 * <p>Usage: {@code CrawlerBenchmark [pages=1000]}
 */
public final class CrawlerBenchmark {
  private static final String[] WORDS =
      ("latency queue cache index shard replica commit review mentor garden bread marathon search"
              + " vector token bucket offset cursor consumer producer flag release deploy rollback"
              + " schema column migration lesson habit weekend team product customer")
          .split(" ");

  private CrawlerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int threads = 4;
    // without TCP_NODELAY the JDK server's split writes meet delayed ACKs: ~40 ms per request
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(threads));
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int n = path.startsWith("/post/") ? Integer.parseInt(path.substring(6)) : 0;
          byte[] body = page(n).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    String base = "http://localhost:" + server.getAddress().getPort();
    try {
      FetchProperties props =
          new FetchProperties(
              "LLMTwinCrawler/0.1 (benchmark)",
              Duration.ofSeconds(5),
              Duration.ofSeconds(20),
              5_242_880,
              5,
              1,
              Duration.ofMillis(50),
              Duration.ZERO,
              false);
      HttpPageFetcher fetcher =
          new HttpPageFetcher(
              props,
              new SsrfGuard(
                  new SsrfProperties(List.of("localhost"), List.of(), List.of()),
                  HostResolver.system()));
      ContentExtractor extractor = new ContentExtractor();
      AtomicLong chars = new AtomicLong();
      IntConsumer crawlOne =
          i -> {
            FetchedPage page = fetcher.fetch(URI.create(base + "/post/" + i));
            ExtractedArticle article =
                extractor.extract(Jsoup.parse(page.text(), page.uri().toString()), page.uri());
            DocumentIds.contentHash(article.content());
            DocumentIds.forUrl(article.canonicalUrl());
            chars.addAndGet(article.content().length());
          };
      HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      IntConsumer getOne =
          i -> {
            try {
              plain.send(
                  HttpRequest.newBuilder(URI.create(base + "/post/" + i)).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
              throw new IllegalStateException(e);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
          };
      run(Math.min(200, pages), threads, crawlOne); // warm-up
      run(Math.min(200, pages), threads, getOne);
      double baselineSeconds = run(pages, threads, getOne);
      chars.set(0);
      double crawlSeconds = run(pages, threads, crawlOne);
      double pagesPerSecond = pages / crawlSeconds;
      long extractStart = System.nanoTime();
      URI pageUri = URI.create(base + "/post/0");
      for (int i = 0; i < pages; i++) {
        extractor.extract(Jsoup.parse(page(i), pageUri.toString()), pageUri);
      }
      double extractPerSecond = pages / ((System.nanoTime() - extractStart) / 1e9);
      double baselinePerSecond = pages / baselineSeconds;
      Summary.of("crawler")
          .put("pages", pages)
          .put("threads", threads)
          .put("pages_per_s", pagesPerSecond)
          .put("baseline_get_per_s", baselinePerSecond)
          .put("extract_only_1thread_per_s", extractPerSecond)
          .put("avg_content_chars", chars.get() / (double) pages)
          .put("peak_heap_mib", Summary.peakHeapMiB())
          .ratio(pagesPerSecond, baselinePerSecond)
          .print();
    } finally {
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  private static double run(int pages, int threads, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < pages; i++) {
        int n = i;
        futures.add(pool.submit(() -> task.accept(n)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** A ~12 KB article page with navigation, sidebar, comments and footer boilerplate. */
  static String page(int n) {
    Random random = new Random(n);
    StringBuilder body = new StringBuilder();
    for (int p = 0; p < 12; p++) {
      if (p % 4 == 3) {
        body.append("<h2>Section ").append(p).append("</h2>");
      }
      body.append("<p>");
      for (int w = 0; w < 60; w++) {
        body.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ", " : " ");
      }
      body.append("end.</p>");
    }
    return "<!DOCTYPE html><html lang=\"en\"><head><title>Post "
        + n
        + " | Bench Blog</title>"
        + "<meta property=\"article:published_time\" content=\"2024-01-01T00:00:00Z\"></head><body>"
        + "<header><nav><a href=\"/\">Home</a><a href=\"/about\">About</a><a href=\"/archive\">Archive</a></nav></header>"
        + "<div class=\"cookie-banner\"><p>We use cookies to improve your experience on this site.</p></div>"
        + "<main><article><h1>Post "
        + n
        + "</h1>"
        + body
        + "<pre><code>int x = "
        + n
        + ";</code></pre></article>"
        + "<section class=\"comments\"><div class=\"comment\"><p>Nice post, thanks for sharing it with everyone here.</p></div></section></main>"
        + "<aside class=\"sidebar\"><ul><li><a href=\"/1\">Older post</a></li><li><a href=\"/2\">Newer post</a></li></ul></aside>"
        + "<footer><p>Copyright Bench Blog. All rights reserved.</p></footer></body></html>";
  }
}
