package io.llmtwin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=alice:alice-key-123, bob:bob-key-4567",
      "spring.application.name=support-test"
    })
class ServiceSupportIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-API-Key", "alice-key-123")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  @Test
  void refusesRequestWithoutKeyAsProblem() throws Exception {
    var response = get("/api/v1/whoami");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(response).get("type").asString())
        .isEqualTo("https://llmtwin.io/problems/unauthorized");
    assertThat(json(response).get("detail").asString()).contains("API key is required");
  }

  @Test
  void refusesUnknownKey() throws Exception {
    var response = get("/api/v1/whoami", "X-API-Key", "not-a-real-key");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("detail").asString()).isEqualTo("the API key is not valid");
  }

  @Test
  void authenticatesKeyAsItsAuthorFromEitherHeader() throws Exception {
    assertThat(json(get("/api/v1/whoami", "X-API-Key", "alice-key-123")).get("authorId").asString())
        .isEqualTo("alice");
    assertThat(
            json(get("/api/v1/whoami", "Authorization", "Bearer bob-key-4567"))
                .get("authorId")
                .asString())
        .isEqualTo("bob");
  }

  @Test
  void streamsServerSentEventsToTheEndForAnAuthenticatedKey() throws Exception {
    // the stream's completion is an async dispatch that passes authorization again
    for (int attempt = 0; attempt < 10; attempt++) {
      var response =
          get("/api/v1/stream", "X-API-Key", "alice-key-123", "Accept", "text/event-stream");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("data:alice-0", "data:alice-1", "data:alice-2")
          .doesNotContain("Forbidden");
    }
  }

  @Test
  void leavesHealthInfoAndPrometheusOpen() throws Exception {
    assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    var prometheus = get("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("application=\"support-test\"");
  }

  @Test
  void keepsOtherActuatorEndpointsHidden() throws Exception {
    assertThat(get("/actuator/env", "X-API-Key", "alice-key-123").statusCode()).isEqualTo(404);
  }

  @Test
  void rendersFeatureProblemsWithStableType() throws Exception {
    var response = get("/api/v1/things/42", "X-API-Key", "alice-key-123");
    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode body = json(response);
    assertThat(body.get("type").asString()).isEqualTo("https://llmtwin.io/problems/not-found");
    assertThat(body.get("detail").asString()).isEqualTo("thing 42 not found");
    assertThat(body.get("resource").asString()).isEqualTo("thing");
    assertThat(body.get("instance").asString()).isEqualTo("/api/v1/things/42");
  }

  @Test
  void setsRetryAfterOnOverload() throws Exception {
    var response = get("/api/v1/things/busy", "X-API-Key", "alice-key-123");
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
  }

  @Test
  void rejectsMalformedJson() throws Exception {
    var response = post("/api/v1/greetings", "{\"name\": ");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("type").asString())
        .isEqualTo("https://llmtwin.io/problems/malformed-request");
  }

  @Test
  void reportsEachInvalidField() throws Exception {
    var response = post("/api/v1/greetings", "{\"name\": \" \", \"times\": 99}");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("type").asString())
        .isEqualTo("https://llmtwin.io/problems/validation-failed");
    assertThat(body.get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("name", "times");
  }

  @Test
  void hidesInternalDetailsOfUnexpectedErrors() throws Exception {
    var response = get("/api/v1/broken", "X-API-Key", "alice-key-123");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain("secret internal detail");
    assertThat(json(response).get("type").asString())
        .isEqualTo("https://llmtwin.io/problems/internal-error");
  }

  @Test
  void answersUnknownPathsWithProblem() throws Exception {
    var response = get("/api/v1/nothing-here", "X-API-Key", "alice-key-123");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("type").asString())
        .isEqualTo("https://llmtwin.io/problems/not-found");
  }
}
