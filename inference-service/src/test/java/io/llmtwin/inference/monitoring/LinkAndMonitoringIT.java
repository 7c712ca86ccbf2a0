package io.llmtwin.inference.monitoring;

import static io.llmtwin.inference.api.ApiClient.json;
import static io.llmtwin.inference.api.ApiClient.problemSlug;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.llmtwin.inference.TinyModelFixture;
import io.llmtwin.inference.api.ApiClient;
import io.llmtwin.inference.api.FixtureFeatureStore;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The {@code link} variant against a local, allow-listed article page; prompt traces in MongoDB,
 * {@code GET /api/v1/traces}, Comet prompt logging against a local stand-in, and metrics. The model
 * is the real tiny GGUF of {@link TinyModelFixture}; what it was prompted with is read from the
 * request's trace.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123,author-2:test-key-456",
      "llmtwin.inference.model.version=3",
      "llmtwin.inference.limits.requests-per-minute=0",
      "llmtwin.inference.link.ssrf.allowed-hosts=localhost",
      "llmtwin.inference.traces.retention=7d",
      "llmtwin.inference.traces.collection=link_monitoring_traces",
      "llmtwin.inference.comet.api-key=comet-test-key",
      "llmtwin.inference.comet.workspace=twin-team"
    })
@WithTestInfrastructure
@Import(FixtureFeatureStore.class)
class LinkAndMonitoringIT {
  static final String KEY = "test-key-123";
  static final String ARTICLE =
      """
      <html lang="en"><head><title>Zebra caches | Example Blog</title></head><body>
      <nav><a href="/">Home</a><a href="/about">About</a></nav>
      <article><h1>Zebra caches</h1>
      <p>Zebra-striped caches cut the tail latency of our service by half, because hot keys
      alternate between two shards and neither shard ever holds a lock for long.</p>
      <p>We rolled them out over three weeks and measured every step against a control group
      of hosts that kept the old cache, so the numbers come from production traffic.</p>
      </article>
      <footer>Subscribe to the newsletter</footer></body></html>
      """;
  static final List<String> cometCalls = new CopyOnWriteArrayList<>();
  static final HttpServer site = startSite();

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired TraceProperties traces;
  ApiClient api;

  @DynamicPropertySource
  static void cometAddressAndModel(DynamicPropertyRegistry registry) {
    TinyModelFixture.serve(registry);
    registry.add(
        "llmtwin.inference.comet.base-url",
        () -> "http://localhost:" + site.getAddress().getPort());
  }

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @AfterAll
  static void stopSite() {
    site.stop(0);
  }

  @Test
  void linkedArticleContentGoesIntoThePrompt() throws Exception {
    String prompt = "Write about this " + System.nanoTime();
    HttpResponse<String> response =
        api.post(
            "/api/v1/generate",
            KEY,
            "application/json",
            Map.of("prompt", prompt, "link", siteUrl("/zebra.html"), "maxTokens", 3));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("usage").path("completionTokens").asInt()).isBetween(1, 3);
    JsonNode trace = api.awaitTrace(KEY, prompt);
    assertThat(trace.path("link").asString()).isEqualTo(siteUrl("/zebra.html"));
    assertThat(trace.path("renderedPrompt").asString())
        .contains("### Context:\nLinked article: Zebra caches (" + siteUrl("/zebra.html") + ")")
        .contains("Zebra-striped caches cut the tail latency of our service by half")
        .contains("[1] Rust ownership explained")
        .doesNotContain("Subscribe to the newsletter")
        .doesNotContain("Home");
  }

  @Test
  void rejectsLinkToPrivateAddressThatIsNotAllowListed() throws Exception {
    for (String link :
        List.of("http://10.0.0.7/post", "http://127.0.0.1:" + port + "/", "file:///etc/passwd")) {
      HttpResponse<String> response =
          api.post(
              "/api/v1/generate",
              KEY,
              "application/json",
              Map.of("prompt", "Write about this", "link", link));
      assertThat(response.statusCode()).as(link).isEqualTo(400);
      assertThat(problemSlug(response)).isEqualTo("ssrf-refused");
      assertThat(json(response).path("link").asString()).isEqualTo(link);
    }
  }

  @Test
  void unreadableLinkIs422() throws Exception {
    HttpResponse<String> response =
        api.post(
            "/api/v1/generate",
            KEY,
            "application/json",
            Map.of("prompt", "Write about this", "link", siteUrl("/missing.html")));
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(problemSlug(response)).isEqualTo("link-unreadable");
    assertThat(json(response).path("reason").asString()).isEqualTo("http-error");
  }

  @Test
  void tracesEveryRequestAndListsOnlyTheCallersOwn() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    String prompt = "Trace me " + System.nanoTime();
    assertThat(
            api.post(
                    "/api/v1/generate",
                    KEY,
                    "application/json",
                    Map.of("prompt", prompt, "maxTokens", 4))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            api.post(
                    "/api/v1/generate",
                    KEY,
                    "application/json",
                    Map.of("prompt", prompt, "maxTokens", 100_000))
                .statusCode())
        .isEqualTo(400);
    api.post("/api/v1/generate", "test-key-456", "application/json", Map.of("prompt", prompt));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> list = api.get("/api/v1/traces?outcome=ok&since=" + before, KEY);
              assertThat(list.statusCode()).isEqualTo(200);
              JsonNode trace =
                  json(list)
                      .valueStream()
                      .filter(t -> t.path("prompt").asString().equals(prompt))
                      .findFirst()
                      .orElseThrow();
              assertThat(trace.path("authorId").asString()).isEqualTo("author-1");
              assertThat(trace.path("endpoint").asString()).isEqualTo("generate");
              assertThat(trace.path("completion").asString()).isNotEmpty();
              assertThat(trace.path("renderedPrompt").asString()).contains("### Response:");
              assertThat(trace.path("sourceIds").values()).hasSize(2);
              assertThat(trace.path("completionTokens").asInt()).isBetween(1, 4);
              assertThat(trace.path("promptTokens").asInt()).isPositive();
              assertThat(trace.path("modelVersion").asString()).isEqualTo("3");
              assertThat(trace.has("totalMs")).isTrue();
              assertThat(trace.path("outcome").asString()).isEqualTo("ok");
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode invalid = json(api.get("/api/v1/traces?outcome=invalid&limit=50", KEY));
              assertThat(invalid.valueStream().map(t -> t.path("prompt").asString()))
                  .contains(prompt);
              assertThat(invalid.valueStream().map(t -> t.path("error").asString()))
                  .contains("invalid-request");
            });
    JsonNode all = json(api.get("/api/v1/traces?limit=200", KEY));
    assertThat(all.valueStream().map(t -> t.path("authorId").asString())).containsOnly("author-1");

    assertThat(api.get("/api/v1/traces?authorId=author-2", KEY).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/v1/traces", null).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/v1/traces?limit=0", KEY).statusCode()).isEqualTo(400);
    assertThat(api.get("/api/v1/traces?since=yesterday", KEY).statusCode()).isEqualTo(400);
  }

  @Test
  void tracesExpireThroughATtlIndexWithTheConfiguredRetention() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              List<IndexInfo> indexes = mongo.indexOps(traces.collection()).getIndexInfo();
              assertThat(indexes)
                  .filteredOn(i -> i.getName().equals(MongoTraceStore.TTL_INDEX))
                  .singleElement()
                  .satisfies(i -> assertThat(i.getExpireAfter()).hasValue(Duration.ofDays(7)));
            });
  }

  @Test
  void logsPromptsToCometWhenAKeyIsSet() throws Exception {
    String prompt = "For Comet " + System.nanoTime();
    api.post("/api/v1/generate", KEY, "application/json", Map.of("prompt", prompt, "maxTokens", 2));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(cometCalls)
                    .anySatisfy(
                        c ->
                            assertThat(c)
                                .startsWith("comet-test-key /api/rest/v2/write/experiment/create ")
                                .contains("\"workspaceName\":\"twin-team\"")
                                .contains("\"type\":\"LLM\""))
                    .anySatisfy(
                        c ->
                            assertThat(c)
                                .contains("/log-other ")
                                .contains("\"experimentKey\":\"exp-1\"")
                                .contains(prompt)));
  }

  @Test
  void exposesGenerationMetricsPerEndpoint() throws Exception {
    api.post(
        "/api/v1/generate", KEY, "application/json", Map.of("prompt", "metrics", "maxTokens", 2));
    api.post("/api/v1/generate", KEY, "application/json", Map.of("prompt", " "));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> prometheus = api.get("/actuator/prometheus", null);
              assertThat(prometheus.statusCode()).isEqualTo(200);
              assertThat(prometheus.body())
                  .containsPattern(
                      "llmtwin_inference_requests_seconds_count\\{[^}]*endpoint=\"generate\",outcome=\"ok\"")
                  .containsPattern(
                      "llmtwin_inference_tokens_sum\\{[^}]*endpoint=\"generate\",kind=\"completion\"")
                  .containsPattern(
                      "llmtwin_inference_retrieval_hits_count\\{[^}]*endpoint=\"generate\",rag=\"true\"")
                  .containsPattern(
                      "llmtwin_inference_first_token_seconds_count\\{[^}]*endpoint=\"generate\"")
                  .containsPattern(
                      "llmtwin_inference_errors_total\\{[^}]*endpoint=\"generate\",[^}]*type=\"invalid-request\"");
            });
  }

  private String siteUrl(String path) {
    return "http://localhost:" + site.getAddress().getPort() + path;
  }

  private static HttpServer startSite() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/zebra.html", exchange -> respond(exchange, 200, "text/html; charset=utf-8", ARTICLE));
      server.createContext(
          "/api/rest/v2/write/experiment/",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            cometCalls.add(
                exchange.getRequestHeaders().getFirst("Authorization")
                    + " "
                    + exchange.getRequestURI().getPath()
                    + " "
                    + body);
            respond(exchange, 200, "application/json", "{\"experimentKey\":\"exp-1\"}");
          });
      server.createContext("/", exchange -> respond(exchange, 404, "text/plain", "not found"));
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local site", e);
    }
  }

  private static void respond(
      com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
