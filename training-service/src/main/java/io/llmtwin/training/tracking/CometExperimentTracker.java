package io.llmtwin.training.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
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
 * HTTP goes through {@link CometRestClient} (Comet's Java SDK is not on Maven Central), shared with
 * the model-registry mirror.
 */
public final class CometExperimentTracker implements ExperimentTracker {
  static final String WRITE = CometRestClient.WRITE + "experiment/";

  private final CometRestClient client;
  private final String workspace;
  private final String project;
  private final Clock clock;
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
    this.client = new CometRestClient(baseUrl, apiKey, timeout);
    this.workspace = workspace;
    this.project = project;
    this.clock = clock;
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
      throw new CometRestClient.CometException("Comet answered create without an experimentKey");
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
    client.get(WRITE + "stop?experimentKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
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
      throw new CometRestClient.CometException("no Comet experiment was started for run " + runId);
    }
    return key;
  }

  private JsonNode post(String endpoint, Map<String, ?> body) {
    return client.post(WRITE + endpoint, body);
  }
}
