package io.llmtwin.training.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracks runs in Comet through its REST API v2 write endpoints ({@code
 * /api/rest/v2/write/experiment/create}, {@code …/parameter}, {@code …/metric}, {@code
 * …/log-other}, {@code …/stop}), authenticated with the {@code Authorization: <api key>} header.
 * HTTP goes through {@link CometRestClient}.
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
    run.parameters()
        .forEach(
            (name, value) ->
                post(
                    "parameter",
                    Map.of("experimentKey", key, "parameterName", name, "parameterValue", value)));
    post("log-other", Map.of("experimentKey", key, "key", "authorId", "value", run.authorId()));
    post("log-other", Map.of("experimentKey", key, "key", "jobId", "value", run.id()));
  }

  @Override
  public void logMetric(String runId, String name, double value, long step) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experimentKey", key(runId));
    body.put("metricName", name);
    body.put("metricValue", value);
    body.put("step", step);
    body.put("timestamp", clock.millis());
    post("metric", body);
  }

  @Override
  public void logArtifact(String runId, String name, String location) {
    post(
        "log-other",
        Map.of("experimentKey", key(runId), "key", "artifact." + name, "value", location));
  }

  @Override
  public void finish(String runId, RunStatus status) {
    String key = key(runId);
    post("log-other", Map.of("experimentKey", key, "key", "status", "value", status.name()));
    client.get(WRITE + "stop?experimentKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    experimentKeys.remove(runId);
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
