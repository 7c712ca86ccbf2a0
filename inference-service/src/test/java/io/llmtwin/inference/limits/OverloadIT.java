package io.llmtwin.inference.limits;

import static io.llmtwin.inference.api.ApiClient.json;
import static io.llmtwin.inference.api.ApiClient.problemSlug;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmtwin.inference.api.ApiClient;
import io.llmtwin.inference.api.FakeTwinBeans;
import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Body size limit, per-key rate limit and behaviour under overload; each test has its own keys. The
 * model is the fake generator of {@link FakeTwinBeans}, not the tiny GGUF the other API tests
 * serve: these tests need a generation slower than the timeout and a queue that is full on demand,
 * which a real model cannot be made to give deterministically.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:key-one-123,author-2:key-two-456,author-3:key-three-789,"
          + "author-4:key-four-123,author-5:key-five-123,author-6:key-six-123,author-7:key-seven-123",
      "llmtwin.inference.limits.max-body-size=2KB",
      "llmtwin.inference.limits.requests-per-minute=6",
      "llmtwin.inference.limits.burst=2",
      "llmtwin.inference.limits.generation-timeout=2s"
    })
@WithTestInfrastructure
@Import(FakeTwinBeans.class)
class OverloadIT {
  @LocalServerPort int port;
  @Autowired FakeTwinBeans.FakeGenerator generator;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @AfterEach
  void reset() {
    generator.reset();
  }

  @Test
  void oversizeBodyIs413ProblemWhetherDeclaredOrChunked() throws Exception {
    String prompt = "x".repeat(4096);
    HttpResponse<String> declared =
        api.post("/api/v1/generate", "key-one-123", "application/json", Map.of("prompt", prompt));
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(problemSlug(declared)).isEqualTo("payload-too-large");
    assertThat(declared.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");

    byte[] body =
        ("{\"model\":\"llm-twin\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> chunked = postChunked("/v1/chat/completions", "key-one-123", body);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(problemSlug(chunked)).isEqualTo("payload-too-large");
  }

  @Test
  void jsonGenerationOverTheTimeoutIs504AndIsCancelled() throws Exception {
    generator.tokenDelay.set(Duration.ofMillis(200));
    HttpResponse<String> response =
        api.post(
            "/api/v1/generate",
            "key-one-123",
            "application/json",
            Map.of("prompt", "take your time", "maxTokens", 40));
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(problemSlug(response)).isEqualTo("generation-timeout");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(generator.lastFinish.get()).isEqualTo(FinishReason.CANCELLED));
  }

  @Test
  void smallChunkedBodyStillReachesTheHandler() throws Exception {
    byte[] body = "{\"prompt\":\"chunked\",\"maxTokens\":2}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = postChunked("/api/v1/generate", "key-four-123", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("text").asString()).isEqualTo(FakeTwinBeans.expectedText(2));
  }

  @Test
  void keyOverItsRateGets429WithRetryAfterWhileOtherKeysAreServed() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response =
          api.post(
              "/api/v1/generate",
              "key-two-456",
              "application/json",
              Map.of("prompt", "again", "maxTokens", 1));
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        limited = response;
      }
    }
    assertThat(statuses).startsWith(200, 200).contains(429);
    assertThat(problemSlug(limited)).isEqualTo("too-many-requests");
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 10L);
    assertThat(json(limited).path("retryAfterSeconds").asLong()).isPositive();

    assertThat(
            api.post(
                    "/api/v1/generate",
                    "key-three-789",
                    "application/json",
                    Map.of("prompt", "mine", "maxTokens", 1))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void overloadGetsOnly200Or429AndTheServiceStaysHealthy() throws Exception {
    generator.tokenDelay.set(Duration.ofMillis(5));
    List<String> keys = List.of("key-five-123", "key-six-123", "key-seven-123");
    ExecutorService clients = Executors.newFixedThreadPool(12);
    try {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 36; i++) {
        String key = keys.get(i % keys.size());
        boolean saturate = i == 18;
        calls.add(
            clients.submit(
                () -> {
                  if (saturate) {
                    generator.saturated.set(true);
                  }
                  return api.post(
                          "/api/v1/generate",
                          key,
                          "application/json",
                          Map.of("prompt", "load", "maxTokens", 4))
                      .statusCode();
                }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> call : calls) {
        statuses.add(call.get());
      }
      assertThat(statuses).containsOnly(200, 429).contains(429);
    } finally {
      clients.shutdownNow();
    }
    generator.saturated.set(false);
    HttpResponse<String> health = api.get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).path("status").asString()).isEqualTo("UP");
  }

  /** POSTs {@code body} without a Content-Length (chunked transfer encoding). */
  private HttpResponse<String> postChunked(String path, String key, byte[] body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
