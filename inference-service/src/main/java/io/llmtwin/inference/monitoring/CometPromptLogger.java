package io.llmtwin.inference.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs prompts to Comet through its REST API v2 write endpoints, the ones Comet's own LLM SDK uses:
 * {@code POST /api/rest/v2/write/experiment/create} with {@code type: "LLM"}, then {@code
 * …/log-other} for prompt, completion and metadata, and {@code …/parameter} for the model. The key
 * goes in the {@code Authorization} header. One Comet experiment per traced request.
 */
class CometPromptLogger {
  static final String WRITE = "/api/rest/v2/write/experiment/";

  private final CometProperties properties;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  CometPromptLogger(CometProperties properties) {
    this.properties = properties;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  /** Sends one trace; throws {@link IllegalStateException} when Comet refuses it. */
  void log(PromptTrace trace) {
    Map<String, Object> create = new LinkedHashMap<>();
    if (!properties.workspace().isBlank()) {
      create.put("workspaceName", properties.workspace());
    }
    create.put("projectName", properties.project());
    create.put("experimentName", trace.endpoint() + "-" + trace.id());
    create.put("type", "LLM");
    String key = post("create", create).path("experimentKey").asString("");
    if (key.isEmpty()) {
      throw new IllegalStateException("Comet answered create without an experimentKey");
    }
    other(
        key, "prompt", trace.renderedPrompt().isEmpty() ? trace.prompt() : trace.renderedPrompt());
    other(key, "output", trace.completion());
    other(key, "authorId", trace.authorId());
    other(key, "outcome", trace.outcome());
    other(key, "sourceIds", String.join(",", trace.sourceIds()));
    other(
        key, "usage", "prompt=" + trace.promptTokens() + ",completion=" + trace.completionTokens());
    other(key, "durationMs", Long.toString(trace.totalMs()));
    post(
        "parameter",
        Map.of(
            "experimentKey",
            key,
            "parameterName",
            "model",
            "parameterValue",
            trace.modelName() + ":" + trace.modelVersion()));
  }

  private void other(String key, String name, String value) {
    post(
        "log-other",
        Map.of("experimentKey", key, "key", name, "value", value == null ? "" : value));
  }

  private JsonNode post(String endpoint, Map<String, ?> body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    properties.baseUrl().toString().replaceAll("/+$", "") + WRITE + endpoint))
            .timeout(properties.timeout())
            .header("Authorization", properties.apiKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "Comet answered " + response.statusCode() + " to " + request.uri().getPath());
      }
      String text = response.body();
      return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("Comet request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling Comet", e);
    }
  }
}
