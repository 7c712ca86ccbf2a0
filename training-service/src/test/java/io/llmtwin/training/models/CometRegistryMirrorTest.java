package io.llmtwin.training.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llmtwin.registry.alias.AliasChange;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.model.Lineage;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.training.tracking.CometRestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Comet registry mirror against a local HTTP server that checks each request against Comet's
 * REST API (paths, methods, the {@code Authorization} header, required fields and parameters) and
 * answers like Comet.
 */
class CometRegistryMirrorTest {
  static final String KEY = "comet-key";
  static final Map<String, Set<String>> JSON_POSTS =
      Map.of(
          "/api/rest/v2/write/experiment/create", Set.of("workspaceName", "projectName"),
          "/api/rest/v2/write/experiment/parameter",
              Set.of("experimentKey", "parameterName", "parameterValue"),
          "/api/rest/v2/write/experiment/metric",
              Set.of("experimentKey", "metricName", "metricValue"),
          "/api/rest/v2/write/experiment/log-other", Set.of("experimentKey", "key", "value"),
          "/api/rest/v2/write/registry-model",
              Set.of("experimentModelId", "registryModelName", "workspaceName", "version"),
          "/api/rest/v2/write/registry-model/item",
              Set.of("experimentModelId", "registryModelName", "version"));
  static final Map<String, Set<String>> GETS =
      Map.of(
          "/api/rest/v2/write/experiment/stop", Set.of("experimentKey"),
          "/api/rest/v2/experiment/model", Set.of("experimentKey"),
          "/api/rest/v2/registry-model", Set.of("workspaceName"),
          "/api/rest/v2/registry-model/details", Set.of("workspaceName", "modelName"),
          "/api/rest/v2/write/registry-model/item/stage", Set.of("modelItemId", "stage"));

  final ObjectMapper json = new ObjectMapper();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  final List<JsonNode> registryBodies = new CopyOnWriteArrayList<>();
  volatile boolean modelExists;
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
    String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
    String method = ex.getRequestMethod();
    calls.add(method + " " + path + (query.isEmpty() ? "" : "?" + query));
    String problem = null;
    String answer = "{\"msg\":\"ok\"}";
    if (!KEY.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      problem = "missing Authorization on " + path;
    } else if (path.equals("/api/rest/v2/write/experiment/upload-asset")) {
      String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (!method.equals("POST")
          || !type.startsWith("multipart/form-data; boundary=")
          || !query.contains("experimentKey=exp-1")
          || !query.contains("type=model-element")
          || !query.contains("groupingName=twin-jane")
          || !body.contains("name=\"file\"")
          || !body.contains("\"sha256\":\"abc123\"")) {
        problem = "upload-asset needs a multipart POST of the manifest as a model-element";
      }
    } else if (JSON_POSTS.containsKey(path)) {
      JsonNode body = json.readTree(ex.getRequestBody());
      if (!method.equals("POST")
          || !String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"))
              .startsWith("application/json")) {
        problem = path + " needs a JSON POST";
      }
      for (String field : JSON_POSTS.get(path)) {
        if (!body.hasNonNull(field)) {
          problem = path + " lacks " + field;
        }
      }
      if (path.endsWith("/create")) {
        answer = "{\"experimentKey\":\"exp-1\"}";
      } else if (path.contains("registry-model")) {
        registryBodies.add(body);
        modelExists = true;
        answer =
            "{\"registryModelId\":\"rm-1\",\"registryModelItemId\":\"item-"
                + registryBodies.size()
                + "\"}";
      }
    } else if (GETS.containsKey(path)) {
      if (!method.equals("GET")) {
        problem = path + " needs GET";
      }
      for (String p : GETS.get(path)) {
        if (!query.contains(p + "=")) {
          problem = path + " lacks ?" + p;
        }
      }
      if (path.equals("/api/rest/v2/experiment/model")) {
        answer = "{\"models\":[{\"experimentModelId\":\"em-1\",\"modelName\":\"twin-jane\"}]}";
      } else if (path.equals("/api/rest/v2/registry-model")) {
        answer =
            modelExists
                ? "{\"registryModels\":[{\"modelName\":\"twin-jane\"}]}"
                : "{\"registryModels\":[]}";
      } else if (path.endsWith("/details")) {
        answer = "{\"versions\":[{\"version\":\"1.0.0\",\"registryModelItemId\":\"item-1\"}]}";
      }
    } else {
      problem = "not a Comet endpoint: " + method + " " + path;
    }
    if (problem != null) {
      violations.add(problem);
      answer = "{\"msg\":\"" + problem + "\"}";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(problem == null ? 200 : 400, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  CometRegistryMirror mirror() {
    return new CometRegistryMirror(
        new CometRestClient(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            KEY,
            Duration.ofSeconds(5)),
        "ws",
        "proj",
        Clock.systemUTC());
  }

  static ModelVersion version(int n) {
    return new ModelVersion(
        "twin-jane",
        n,
        new Lineage("/models/base", "ds-0000000000000001", null),
        Map.of("method", "lora"),
        Map.of("eval_loss", 1.5),
        "abc",
        "job " + n,
        "training-service",
        Instant.now(),
        List.of(new VersionArtifact("merged/model.safetensors", "models/x/y", 10, "abc123")));
  }

  @Test
  void registersVersionsAndMirrorsAliasMovesAsStages() {
    CometRegistryMirror mirror = mirror();
    mirror.versionRegistered(version(1));
    mirror.versionRegistered(version(2));
    mirror.aliasMoved(
        new AliasMoved(
            "twin-jane",
            "accepted",
            AliasChange.MOVED,
            1,
            2,
            "ci",
            "better",
            false,
            Instant.now(),
            2));

    assertThat(violations).isEmpty();
    assertThat(registryBodies).hasSize(2);
    assertThat(registryBodies.get(0).path("version").asText()).isEqualTo("1.0.0");
    assertThat(registryBodies.get(0).path("registryModelName").asText()).isEqualTo("twin-jane");
    assertThat(registryBodies.get(1).path("version").asText()).isEqualTo("2.0.0");
    assertThat(calls)
        .contains(
            "POST /api/rest/v2/write/registry-model",
            "POST /api/rest/v2/write/registry-model/item",
            "GET /api/rest/v2/write/registry-model/item/stage?modelItemId=item-2&stage=accepted");
    assertThat(calls).filteredOn(c -> c.contains("log-other")).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void findsTheRegistryItemOfAVersionRegisteredBeforeARestart() {
    mirror()
        .aliasMoved(
            new AliasMoved(
                "twin-jane",
                "accepted",
                AliasChange.ASSIGNED,
                null,
                1,
                "ci",
                "",
                false,
                Instant.now(),
                1));
    assertThat(violations).isEmpty();
    assertThat(calls)
        .containsExactly(
            "GET /api/rest/v2/registry-model/details?workspaceName=ws&modelName=twin-jane",
            "GET /api/rest/v2/write/registry-model/item/stage?modelItemId=item-1&stage=accepted");
  }
}
