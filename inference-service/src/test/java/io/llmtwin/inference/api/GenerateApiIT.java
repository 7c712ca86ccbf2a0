package io.llmtwin.inference.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.testsupport.Sse;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/generate} as JSON and SSE, with a fake model and a fixture feature store. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123,author-2:test-key-456",
      "llmtwin.inference.generation.max-tokens-cap=64",
      "llmtwin.inference.model.version=7",
      "llmtwin.inference.limits.requests-per-minute=0"
    })
@WithTestInfrastructure
@Import(FakeTwinBeans.class)
class GenerateApiIT {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String KEY = "test-key-123";

  @LocalServerPort int port;
  @Autowired FakeTwinBeans.FakeGenerator generator;

  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void reset() {
    generator.saturated.set(false);
    generator.tokenDelay.set(Duration.ZERO);
  }

  @Test
  void answersWithTextSourcesOfTheCallersAuthorUsageAndTimings() throws Exception {
    HttpResponse<String> response =
        post(KEY, "application/json", Map.of("prompt", "Write about Rust", "maxTokens", 7));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("text").asString()).isEqualTo(FakeTwinBeans.expectedText(7));
    assertThat(body.path("sources").values())
        .extracting(s -> s.path("title").asString())
        .containsExactly("Rust ownership explained", "Shipping small PRs");
    assertThat(body.path("sources").get(0).path("n").asInt()).isEqualTo(1);
    assertThat(body.path("sources").get(0).path("link").asString())
        .isEqualTo("https://blog.example/rust");
    assertThat(body.path("sources").get(0).path("platform").asString()).isEqualTo("medium");
    assertThat(body.path("sources").get(0).path("type").asString()).isEqualTo("article");
    assertThat(body.path("model").path("name").asString()).isEqualTo("llm-twin");
    assertThat(body.path("model").path("version").asString()).isEqualTo("7");
    assertThat(body.path("usage").path("completionTokens").asInt()).isEqualTo(7);
    assertThat(body.path("usage").path("promptTokens").asInt()).isPositive();
    assertThat(body.path("timings").path("totalMs").asLong()).isNotNegative();
    assertThat(body.path("timings").has("retrievalMs")).isTrue();
    assertThat(body.path("timings").has("firstTokenMs")).isTrue();
    assertThat(generator.lastPrompt.get())
        .contains("### Instruction:\nWrite about Rust")
        .contains("[1] Rust ownership explained")
        .contains("[2] Shipping small PRs")
        .doesNotContain("Someone else's essay");
  }

  @Test
  void platformHintIsPartOfTheInstructionAndRagCanBeSwitchedOff() throws Exception {
    HttpResponse<String> response =
        post(
            KEY,
            "application/json",
            Map.of("prompt", "Our launch", "platform", "linkedin", "useRag", false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("sources").isEmpty()).isTrue();
    assertThat(generator.lastPrompt.get())
        .contains("Write a LinkedIn post: Our launch")
        .doesNotContain("### Context:");
  }

  @Test
  void streamsTokenEventsThenOneDoneEvent() throws Exception {
    for (int i = 0; i < 20; i++) { // fast generations race the async dispatch: repeat
      streamOnce();
    }
  }

  private void streamOnce() throws Exception {
    HttpResponse<String> response =
        post(KEY, "text/event-stream", Map.of("prompt", "Write about Rust", "maxTokens", 6));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<Sse.Event> events = Sse.parse(response.body());
    List<Sse.Event> tokens = events.stream().filter(e -> e.name().equals("token")).toList();
    assertThat(tokens).hasSize(6);
    String text =
        tokens.stream()
            .map(e -> JSON.readTree(e.data()).path("text").asString())
            .reduce("", String::concat);
    assertThat(text).isEqualTo(FakeTwinBeans.expectedText(6));
    Sse.Event done = events.get(events.size() - 1);
    assertThat(done.name()).isEqualTo("done");
    assertThat(events).filteredOn(e -> e.name().equals("done")).hasSize(1);
    JsonNode doneBody = JSON.readTree(done.data());
    assertThat(doneBody.path("sources").values())
        .extracting(s -> s.path("title").asString())
        .containsExactly("Rust ownership explained", "Shipping small PRs");
    assertThat(doneBody.path("usage").path("completionTokens").asInt()).isEqualTo(6);
    assertThat(doneBody.path("timings").has("firstTokenMs")).isTrue();
  }

  @Test
  void clientDisconnectCancelsTheGeneration() throws Exception {
    generator.tokenDelay.set(Duration.ofMillis(20));
    HttpResponse<InputStream> response =
        http.send(
            request(KEY, "text/event-stream", Map.of("prompt", "Go on", "maxTokens", 64)),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream in = response.body()) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      do {
        line = reader.readLine();
      } while (line != null && !line.startsWith("event:token"));
      assertThat(line).isNotNull();
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(generator.lastFinish.get()).isEqualTo(FinishReason.CANCELLED));
  }

  @Test
  void rejectsCallsWithoutAValidKey() throws Exception {
    assertThat(post(null, "application/json", Map.of("prompt", "x")).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = post("nope", "application/json", Map.of("prompt", "x"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(problemType(wrong)).endsWith("/unauthorized");
  }

  @Test
  void refusesToWriteForAnotherAuthor() throws Exception {
    HttpResponse<String> response =
        post(KEY, "application/json", Map.of("prompt", "x", "authorId", "author-2"));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(problemType(response)).endsWith("/forbidden");
  }

  @Test
  void rejectsInvalidInputWithProblemDetails() throws Exception {
    assertBadRequest(Map.of("prompt", "  "), "prompt");
    assertBadRequest(Map.of("prompt", "x", "maxTokens", 100_000), "maxTokens");
    assertBadRequest(Map.of("prompt", "x", "maxTokens", 0), "maxTokens");
    assertBadRequest(Map.of("prompt", "x", "temperature", 5), "temperature");
    assertBadRequest(Map.of("prompt", "x", "topP", 0), "topP");
    assertBadRequest(Map.of("prompt", "x", "platform", "myspace"), "platform");

    HttpResponse<String> malformed =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/generate"))
                .header("X-API-Key", KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": "))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void answers429WithRetryAfterWhenTheQueueIsFullAndStaysHealthy() throws Exception {
    generator.saturated.set(true);
    for (String accept : List.of("application/json", "text/event-stream")) {
      HttpResponse<String> response = post(KEY, accept, Map.of("prompt", "x"));
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(problemType(response)).endsWith("/too-many-requests");
    }
    generator.saturated.set(false);
    assertThat(post(KEY, "application/json", Map.of("prompt", "x")).statusCode()).isEqualTo(200);
  }

  @Test
  void answersJsonWhenTheClientAcceptsAnything() throws Exception {
    HttpResponse<String> response = post(KEY, "*/*", Map.of("prompt", "x", "maxTokens", 2));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(JSON.readTree(response.body()).path("text").asString())
        .isEqualTo(FakeTwinBeans.expectedText(2));
  }

  @Test
  void openApiDescriptionListsTheEndpoints() throws Exception {
    HttpResponse<String> docs =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(docs.body()).path("paths").propertyNames())
        .contains("/api/v1/generate", "/api/v1/traces", "/v1/chat/completions", "/v1/models");
  }

  private void assertBadRequest(Map<String, Object> body, String mentioned) throws Exception {
    HttpResponse<String> response = post(KEY, "application/json", body);
    assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(JSON.readTree(response.body()).path("detail").asString()).contains(mentioned);
  }

  private String problemType(HttpResponse<String> response) {
    return JSON.readTree(response.body()).path("type").asString();
  }

  private HttpResponse<String> post(String key, String accept, Map<String, Object> body)
      throws Exception {
    return http.send(request(key, accept, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String key, String accept, Map<String, Object> body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/generate"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(new LinkedHashMap<>(body))));
    if (key != null) {
      builder.header("X-API-Key", key);
    }
    return builder.build();
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
