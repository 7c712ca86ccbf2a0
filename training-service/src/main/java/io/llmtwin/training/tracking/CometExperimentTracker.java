package io.llmtwin.training.tracking;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracks runs in Comet through its REST API v2 write endpoints, authenticated with the {@code
 * Authorization: <api key>} header (no scheme prefix). The calls and their payloads are {@link
 * CometRestClient}'s experiment write calls (Comet's Java SDK is not on Maven Central), shared with
 * the model-registry mirror; every parameter, metric and other value is stamped with the current
 * time, and a summary metric (negative step) is sent without a step.
 */
public final class CometExperimentTracker implements ExperimentTracker {
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
    String key = client.createExperiment(workspace, project, run.name());
    experimentKeys.put(run.id(), key);
    run.parameters().forEach((name, value) -> client.logParameter(key, name, value, now()));
    client.logOther(key, "authorId", run.authorId(), now());
    client.logOther(key, "jobId", run.id(), now());
    List<String> tags =
        run.authorId() == null ? List.of("llm-twin") : List.of("llm-twin", run.authorId());
    client.addTags(key, tags);
  }

  @Override
  public void logMetric(String runId, String name, double value, long step) {
    // a negative step marks a run-level summary value (e.g. the final eval_loss): Comet's step is
    // optional, so it is left out rather than sent as -1
    client.logMetric(key(runId), name, value, step >= 0 ? step : null, now());
  }

  @Override
  public void logArtifact(String runId, String name, String location) {
    client.logOther(key(runId), "artifact." + name, location, now());
  }

  @Override
  public void finish(String runId, RunStatus status) {
    String key = key(runId);
    client.logOther(key, "status", status.name(), now());
    client.stopExperiment(key);
    experimentKeys.remove(runId);
  }

  private long now() {
    return clock.millis();
  }

  private String key(String runId) {
    String key = experimentKeys.get(runId);
    if (key == null) {
      throw new CometRestClient.CometException("no Comet experiment was started for run " + runId);
    }
    return key;
  }
}
