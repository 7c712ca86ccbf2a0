package io.llmtwin.training.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Comet adapter against a local server that checks every request against Comet's documented
 * REST API v2 write endpoints: path, method, {@code Authorization: <api key>} header and required
 * JSON fields.
 */
class CometExperimentTrackerTest {
  static final String KEY = "comet-test-key";
  static final Map<String, List<String>> REQUIRED =
      Map.of(
          "/api/rest/v2/write/experiment/create", List.of("workspaceName", "projectName"),
          "/api/rest/v2/write/experiment/parameter",
              List.of("experimentKey", "parameterName", "parameterValue"),
          "/api/rest/v2/write/experiment/metric",
              List.of("experimentKey", "metricName", "metricValue"),
          "/api/rest/v2/write/experiment/log-other", List.of("experimentKey", "key", "value"));

  final ObjectMapper json = new ObjectMapper();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    calls.add(ex.getRequestMethod() + " " + path);
    String problem = null;
    if (!KEY.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      problem = "missing Authorization header on " + path;
    } else if (path.equals("/api/rest/v2/write/experiment/stop")) {
      if (!ex.getRequestMethod().equals("GET")
          || ex.getRequestURI().getQuery() == null
          || !ex.getRequestURI().getQuery().startsWith("experimentKey=exp-key-1")) {
        problem = "stop needs GET ?experimentKey=";
      }
    } else if (!REQUIRED.containsKey(path)) {
      problem = "undocumented endpoint " + path;
    } else {
      JsonNode body = json.readTree(ex.getRequestBody());
      bodies.add(body);
      if (!ex.getRequestMethod().equals("POST")
          || !String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"))
              .startsWith("application/json")) {
        problem = path + " needs a JSON POST";
      }
      for (String field : REQUIRED.get(path)) {
        if (!body.hasNonNull(field)) {
          problem = path + " lacks " + field;
        }
      }
    }
    String answer =
        problem != null
            ? "{\"msg\":\"" + problem + "\"}"
            : path.endsWith("/create")
                ? "{\"experimentKey\":\"exp-key-1\",\"workspaceName\":\"ws\",\"projectName\":\"proj\",\"link\":\"x\"}"
                : "{\"msg\":\"ok\"}";
    if (problem != null) {
      violations.add(problem);
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(problem == null ? 200 : 400, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  CometExperimentTracker tracker(String key) {
    return new CometExperimentTracker(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        key,
        "ws",
        "proj",
        Duration.ofSeconds(5),
        Clock.systemUTC());
  }

  @Test
  void logsARunThroughTheDocumentedEndpoints() {
    CometExperimentTracker comet = tracker(KEY);
    comet.start(new ExperimentRun("job-1", "twin/job-1", "author-1", Map.of("lora_rank", "8")));
    comet.logMetric("job-1", "loss", 1.25, 3);
    comet.logArtifact("job-1", "adapter/adapter.safetensors", "registry:twin/v1/adapter");
    comet.finish("job-1", RunStatus.SUCCEEDED);

    assertThat(violations).isEmpty();
    assertThat(calls)
        .startsWith(
            "POST /api/rest/v2/write/experiment/create",
            "POST /api/rest/v2/write/experiment/parameter")
        .contains("POST /api/rest/v2/write/experiment/metric")
        .endsWith("GET /api/rest/v2/write/experiment/stop");
    assertThat(bodies.get(0).path("workspaceName").asText()).isEqualTo("ws");
    assertThat(bodies.get(0).path("projectName").asText()).isEqualTo("proj");
    JsonNode metric = bodies.stream().filter(b -> b.has("metricName")).findFirst().orElseThrow();
    assertThat(metric.path("experimentKey").asText()).isEqualTo("exp-key-1");
    assertThat(metric.path("metricValue").asDouble()).isEqualTo(1.25);
    assertThat(metric.path("step").asLong()).isEqualTo(3);
  }

  @Test
  void aRejectedCallFailsLoudlyButTheCompositeKeepsTheLocalRun() {
    CometExperimentTracker wrongKey = tracker("wrong");
    assertThatThrownBy(() -> wrongKey.start(new ExperimentRun("j", "n", "a", Map.of())))
        .hasMessageContaining("400");
    RecordingTracker local = new RecordingTracker();
    CompositeExperimentTracker both =
        new CompositeExperimentTracker(List.of(local, tracker("wrong")));
    both.start(new ExperimentRun("j2", "n", "a", Map.of()));
    both.logMetric("j2", "loss", 1.0, 1);
    assertThat(local.events).containsExactly("start j2", "metric j2 loss");
  }

  static final class RecordingTracker implements ExperimentTracker {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void start(ExperimentRun run) {
      events.add("start " + run.id());
    }

    @Override
    public void logMetric(String runId, String name, double value, long step) {
      events.add("metric " + runId + " " + name);
    }

    @Override
    public void logArtifact(String runId, String name, String location) {
      events.add("artifact " + runId);
    }

    @Override
    public void finish(String runId, RunStatus status) {
      events.add("finish " + runId);
    }
  }
}
