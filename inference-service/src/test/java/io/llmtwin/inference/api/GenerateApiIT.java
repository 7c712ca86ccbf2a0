package io.llmtwin.inference.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.inference.TinyModelFixture;
import io.llmtwin.testsupport.Sse;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/generate} as JSON and SSE, served by the real tiny GGUF of {@link
 * TinyModelFixture} through llama.cpp, with a fixture feature store. The model's text is gibberish:
 * the tests check tokens, counts, finish reasons and sources, and read the prompt the model got
 * from the request's trace. Queue-full and cancellation need a controllable model: {@link
 * GenerationControlIT}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123,author-2:test-key-456",
      "llmtwin.inference.generation.max-tokens-cap=64",
      "llmtwin.inference.model.version=7",
      "llmtwin.inference.limits.requests-per-minute=0"
    })
@WithTestInfrastructure
@Import(FixtureFeatureStore.class)
class GenerateApiIT {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String KEY = "test-key-123";

  static final List<String> FINISHED = List.of("MAX_TOKENS", "END_OF_SEQUENCE", "STOP_SEQUENCE");

  @LocalServerPort int port;

  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    TinyModelFixture.serve(registry);
  }

  @Test
  void answersWithTextSourcesOfTheCallersAuthorUsageAndTimings() throws Exception {
    String prompt = "Write about Rust " + System.nanoTime();
    HttpResponse<String> response =
        post(KEY, "application/json", Map.of("prompt", prompt, "maxTokens", 12, "temperature", 0));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("usage").path("completionTokens").asInt()).isBetween(1, 12);
    assertThat(body.path("text").asString()).isNotEmpty();
    assertThat(body.path("finishReason").asString()).isIn(FINISHED);
    assertThat(body.path("sources").values())
        .extracting(s -> s.path("title").asString())
        .containsExactlyElementsOf(FixtureFeatureStore.AUTHOR_1_TITLES);
    assertThat(body.path("sources").get(0).path("n").asInt()).isEqualTo(1);
    assertThat(body.path("sources").get(0).path("link").asString())
        .isEqualTo("https://blog.example/rust");
    assertThat(body.path("sources").get(0).path("platform").asString()).isEqualTo("medium");
    assertThat(body.path("sources").get(0).path("type").asString()).isEqualTo("article");
    assertThat(body.path("model").path("name").asString()).isEqualTo("llm-twin");
    assertThat(body.path("model").path("version").asString()).isEqualTo("7");
    assertThat(body.path("usage").path("promptTokens").asInt()).isGreaterThan(20);
    assertThat(body.path("timings").path("totalMs").asLong()).isNotNegative();
    assertThat(body.path("timings").has("retrievalMs")).isTrue();
    assertThat(body.path("timings").has("firstTokenMs")).isTrue();

    JsonNode trace = new ApiClient(port).awaitTrace(KEY, prompt);
    assertThat(trace.path("renderedPrompt").asString())
        .contains("### Instruction:\n" + prompt)
        .contains("[1] Rust ownership explained")
        .contains("[2] Shipping small PRs")
        .doesNotContain(FixtureFeatureStore.AUTHOR_2_TITLE);
    assertThat(trace.path("completion").asString()).isEqualTo(body.path("text").asString());
    assertThat(trace.path("promptTokens").asInt())
        .isEqualTo(body.path("usage").path("promptTokens").asInt());
  }

  @Test
  void platformHintIsPartOfTheInstructionAndRagCanBeSwitchedOff() throws Exception {
    String prompt = "Our launch " + System.nanoTime();
    HttpResponse<String> response =
        post(
            KEY,
            "application/json",
            Map.of("prompt", prompt, "platform", "linkedin", "useRag", false, "maxTokens", 4));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("sources").isEmpty()).isTrue();
    assertThat(new ApiClient(port).awaitTrace(KEY, prompt).path("renderedPrompt").asString())
        .contains("Write a LinkedIn post: " + prompt)
        .doesNotContain("### Context:");
  }

  @Test
  void streamsTokenEventsThenOneDoneEvent() throws Exception {
    for (int i = 0; i < 5; i++) { // fast generations race the async dispatch: repeat
      streamOnce();
    }
  }

  private void streamOnce() throws Exception {
    HttpResponse<String> response =
        post(KEY, "text/event-stream", Map.of("prompt", "Write about Rust", "maxTokens", 8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<Sse.Event> events = Sse.parse(response.body());
    List<Sse.Event> tokens = events.stream().filter(e -> e.name().equals("token")).toList();
    assertThat(tokens).isNotEmpty();
    Sse.Event done = events.get(events.size() - 1);
    assertThat(done.name()).isEqualTo("done");
    assertThat(events).filteredOn(e -> e.name().equals("done")).hasSize(1);
    JsonNode doneBody = JSON.readTree(done.data());
    assertThat(doneBody.path("sources").values())
        .extracting(s -> s.path("title").asString())
        .containsExactlyElementsOf(FixtureFeatureStore.AUTHOR_1_TITLES);
    int completionTokens = doneBody.path("usage").path("completionTokens").asInt();
    assertThat(completionTokens).isBetween(1, 8);
    // a piece may span tokens (a character spelled as UTF-8 bytes arrives once it is whole)
    assertThat(tokens).hasSizeLessThanOrEqualTo(completionTokens);
    assertThat(doneBody.path("usage").path("promptTokens").asInt()).isPositive();
    assertThat(doneBody.path("model").path("version").asString()).isEqualTo("7");
    assertThat(doneBody.path("finishReason").asString()).isIn(FINISHED);
    assertThat(doneBody.path("timings").has("firstTokenMs")).isTrue();
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
  void answersJsonWhenTheClientAcceptsAnything() throws Exception {
    HttpResponse<String> response = post(KEY, "*/*", Map.of("prompt", "x", "maxTokens", 2));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(JSON.readTree(response.body()).path("usage").path("completionTokens").asInt())
        .isBetween(1, 2);
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
