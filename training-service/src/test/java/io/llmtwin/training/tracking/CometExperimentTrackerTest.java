package io.llmtwin.training.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Comet adapter against a local server that checks every request against Comet's documented
 * REST API v2 write endpoints (sources in docs/adr/0100-training-service.md): path, method, {@code
 * Authorization: <api key>} header, JSON content type, required fields with their JSON types, and
 * no field the endpoint does not document. Answers follow the documented example responses.
 */
class CometExperimentTrackerTest {
  static final String KEY = "comet-test-key";
  static final String WRITE = "/api/rest/v2/write/experiment/";

  /** A documented field: name, JSON type and whether the endpoint requires it. */
  record Field(String name, JsonNodeType type, boolean required) {}

  static Field req(String name, JsonNodeType type) {
    return new Field(name, type, true);
  }

  static Field opt(String name, JsonNodeType type) {
    return new Field(name, type, false);
  }

  /** The documented POST endpoints this adapter may call, with their payload fields. */
  static final Map<String, List<Field>> DOCUMENTED =
      Map.of(
          WRITE + "create",
          List.of(
              req("workspaceName", JsonNodeType.STRING),
              req("projectName", JsonNodeType.STRING),
              opt("experimentName", JsonNodeType.STRING)),
          WRITE + "parameter",
          List.of(
              req("experimentKey", JsonNodeType.STRING),
              req("parameterName", JsonNodeType.STRING),
              req("parameterValue", JsonNodeType.STRING),
              opt("step", JsonNodeType.NUMBER),
              opt("timestamp", JsonNodeType.NUMBER)),
          WRITE + "metric",
          List.of(
              req("experimentKey", JsonNodeType.STRING),
              req("metricName", JsonNodeType.STRING),
              req("metricValue", JsonNodeType.NUMBER),
              opt("step", JsonNodeType.NUMBER),
              opt("epoch", JsonNodeType.NUMBER),
              opt("context", JsonNodeType.STRING),
              opt("timestamp", JsonNodeType.NUMBER)),
          WRITE + "log-other",
          List.of(
              req("experimentKey", JsonNodeType.STRING),
              req("key", JsonNodeType.STRING),
              req("value", JsonNodeType.STRING),
              opt("timestamp", JsonNodeType.NUMBER)),
          WRITE + "tags",
          List.of(req("experimentKey", JsonNodeType.STRING), req("addedTags", JsonNodeType.ARRAY)));

  final ObjectMapper json = new ObjectMapper();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  final Map<String, List<JsonNode>> bodies = new ConcurrentHashMap<>();
  final Set<String> experiments = ConcurrentHashMap.newKeySet();
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
    String method = ex.getRequestMethod();
    calls.add(method + " " + path);
    String problem = null;
    String answer = "{\"msg\":\"Saved\"}";
    if (!KEY.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      problem = "Authorization header must be the bare API key on " + path;
    } else if (path.equals(WRITE + "stop")) {
      String query = ex.getRequestURI().getQuery();
      if (!method.equals("GET")) {
        problem = "stop is a GET";
      } else if (query == null
          || !query.startsWith("experimentKey=")
          || !experiments.contains(query.substring("experimentKey=".length()))) {
        problem = "stop needs ?experimentKey= of a created experiment";
      } else {
        answer = "{\"msg\":\"Stop Requested\"}";
      }
    } else if (!DOCUMENTED.containsKey(path)) {
      problem = "undocumented endpoint " + method + " " + path;
    } else if (!method.equals("POST")
        || !String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"))
            .startsWith("application/json")) {
      problem = path + " needs a JSON POST";
    } else {
      JsonNode body = json.readTree(ex.getRequestBody());
      bodies.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(body);
      problem = checkFields(path, body);
      if (problem == null && path.endsWith("/create")) {
        String key = "exp" + UUID.randomUUID().toString().replace("-", "");
        experiments.add(key);
        answer =
            json.createObjectNode()
                .put("experimentKey", key)
                .put("workspaceName", body.path("workspaceName").asText())
                .put("projectName", body.path("projectName").asText())
                .put("link", "https://www.comet.com/ws/proj/" + key)
                .toString();
      } else if (problem == null && !experiments.contains(body.path("experimentKey").asText())) {
        problem = path + " for an experiment that was never created";
      }
    }
    if (problem != null) {
      violations.add(problem);
      answer = json.createObjectNode().put("msg", problem).put("code", 400).toString();
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(problem == null ? 200 : 400, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static String checkFields(String path, JsonNode body) {
    List<Field> fields = DOCUMENTED.get(path);
    for (Field f : fields) {
      JsonNode v = body.get(f.name());
      if (v == null || v.isNull()) {
        if (f.required()) {
          return path + " lacks " + f.name();
        }
      } else if (v.getNodeType() != f.type()) {
        return path + " field " + f.name() + " must be " + f.type() + ", was " + v.getNodeType();
      }
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (fields.stream().noneMatch(f -> f.name().equals(name))) {
        return path + " has undocumented field " + name;
      }
    }
    return null;
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
    comet.logMetric("job-1", "eval_loss", 0.75, -1);
    comet.logArtifact("job-1", "adapter/adapter.safetensors", "registry:twin/v1/adapter");
    comet.finish("job-1", RunStatus.SUCCEEDED);

    assertThat(violations).isEmpty();
    assertThat(calls)
        .startsWith("POST " + WRITE + "create", "POST " + WRITE + "parameter")
        .contains(
            "POST " + WRITE + "metric", "POST " + WRITE + "log-other", "POST " + WRITE + "tags")
        .endsWith("GET " + WRITE + "stop");
    JsonNode create = bodies.get(WRITE + "create").get(0);
    assertThat(create.path("workspaceName").asText()).isEqualTo("ws");
    assertThat(create.path("projectName").asText()).isEqualTo("proj");
    assertThat(create.path("experimentName").asText()).isEqualTo("twin/job-1");
    JsonNode parameter = bodies.get(WRITE + "parameter").get(0);
    assertThat(parameter.path("parameterName").asText()).isEqualTo("lora_rank");
    assertThat(parameter.path("parameterValue").asText()).isEqualTo("8");
    List<JsonNode> metrics = bodies.get(WRITE + "metric");
    assertThat(metrics.get(0).path("metricName").asText()).isEqualTo("loss");
    assertThat(metrics.get(0).path("metricValue").asDouble()).isEqualTo(1.25);
    assertThat(metrics.get(0).path("step").asLong()).isEqualTo(3);
    assertThat(metrics.get(1).has("step")).as("summary metric has no step").isFalse();
    assertThat(bodies.get(WRITE + "log-other"))
        .extracting(b -> b.path("key").asText() + "=" + b.path("value").asText())
        .contains(
            "authorId=author-1",
            "jobId=job-1",
            "artifact.adapter/adapter.safetensors=registry:twin/v1/adapter",
            "status=SUCCEEDED");
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
