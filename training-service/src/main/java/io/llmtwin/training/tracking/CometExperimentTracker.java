package io.llmtwin.training.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracks runs in Comet through its REST API v2 write endpoints, authenticated with the {@code
 * Authorization: <api key>} header (no scheme prefix). Endpoints and payload fields, as documented
 * in Comet's "REST API: write endpoints" page and used by Comet's own clients (see
 * docs/adr/0100-training-service.md, "Comet"):
 *
 * <ul>
 *   <li>{@code POST /api/rest/v2/write/experiment/create} {@code {workspaceName, projectName,
 *       experimentName?}} → {@code {experimentKey, workspaceName, projectName, link}}
 *   <li>{@code POST …/parameter} {@code {experimentKey, parameterName, parameterValue, step?,
 *       timestamp?}}
 *   <li>{@code POST …/metric} {@code {experimentKey, metricName, metricValue, step?, epoch?,
 *       context?, timestamp?}}
 *   <li>{@code POST …/log-other} {@code {experimentKey, key, value, timestamp?}}
 *   <li>{@code POST …/tags} {@code {experimentKey, addedTags: [..]}}
 *   <li>{@code GET …/stop?experimentKey=KEY}
 * </ul>
 *
 * Comet's Java SDK is not on Maven Central, hence plain HTTP.
 */
public final class CometExperimentTracker implements ExperimentTracker {
  static final String WRITE = "/api/rest/v2/write/experiment/";

  private final URI baseUrl;
  private final String apiKey;
  private final String workspace;
  private final String project;
  private final Clock clock;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, String> experimentKeys = new ConcurrentHashMap<>();

  /**
   * @param baseUrl e.g. {@code https://www.comet.com}
   * @param apiKey the Comet API key
   * @param workspace workspace name
   * @param project project name
   * @param timeout per request
   */
  public CometExperimentTracker(
      URI baseUrl, String apiKey, String workspace, String project, Duration timeout, Clock clock) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.workspace = workspace;
    this.project = project;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void start(ExperimentRun run) {
    Map<String, Object> create = new LinkedHashMap<>();
    create.put("workspaceName", workspace);
    create.put("projectName", project);
    create.put("experimentName", run.name());
    JsonNode answer = post("create", create);
    String key = answer.path("experimentKey").asText("");
    if (key.isEmpty()) {
      throw new CometException("Comet answered create without an experimentKey");
    }
    experimentKeys.put(run.id(), key);
    run.parameters().forEach((name, value) -> parameter(key, name, value));
    other(key, "authorId", run.authorId());
    other(key, "jobId", run.id());
    List<String> tags =
        run.authorId() == null ? List.of("llm-twin") : List.of("llm-twin", run.authorId());
    post("tags", Map.of("experimentKey", key, "addedTags", tags));
  }

  @Override
  public void logMetric(String runId, String name, double value, long step) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experimentKey", key(runId));
    body.put("metricName", name);
    body.put("metricValue", value);
    if (step >= 0) {
      // a negative step marks a run-level summary value (e.g. the final eval_loss): Comet's step
      // is optional, so it is left out rather than sent as -1
      body.put("step", step);
    }
    body.put("timestamp", clock.millis());
    post("metric", body);
  }

  @Override
  public void logArtifact(String runId, String name, String location) {
    other(key(runId), "artifact." + name, location);
  }

  @Override
  public void finish(String runId, RunStatus status) {
    String key = key(runId);
    other(key, "status", status.name());
    send(
        HttpRequest.newBuilder(
                baseUrl.resolve(
                    WRITE + "stop?experimentKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8)))
            .header("Authorization", apiKey)
            .GET()
            .build());
    experimentKeys.remove(runId);
  }

  private void parameter(String key, String name, String value) {
    named("parameter", key, "parameterName", name, "parameterValue", value);
  }

  private void other(String key, String name, String value) {
    named("log-other", key, "key", name, "value", value);
  }

  /** A write of one named value of experiment {@code key}, stamped with the current time. */
  private void named(
      String endpoint, String key, String nameField, String name, String valueField, String value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experimentKey", key);
    body.put(nameField, name);
    body.put(valueField, value);
    body.put("timestamp", clock.millis());
    post(endpoint, body);
  }

  private String key(String runId) {
    String key = experimentKeys.get(runId);
    if (key == null) {
      throw new CometException("no Comet experiment was started for run " + runId);
    }
    return key;
  }

  private JsonNode post(String endpoint, Map<String, ?> body) {
    try {
      return send(
          HttpRequest.newBuilder(baseUrl.resolve(WRITE + endpoint))
              .header("Authorization", apiKey)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .build());
    } catch (IOException e) {
      throw new CometException("cannot encode a Comet request: " + e.getMessage());
    }
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new CometException(
            "Comet answered " + response.statusCode() + " to " + request.uri().getPath());
      }
      String body = response.body();
      return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (IOException e) {
      throw new CometException("Comet request failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CometException("interrupted while calling Comet");
    }
  }

  /** A Comet call failed. */
  static final class CometException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CometException(String message) {
      super(message);
    }
  }
}
