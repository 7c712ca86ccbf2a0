package io.llmtwin.inference.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the inference API in tests. */
public final class ApiClient {
  /** The JSON mapper of the tests. */
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A client of the service on {@code localhost:port}. */
  public ApiClient(int port) {
    this.base = "http://localhost:" + port;
  }

  /** POSTs {@code body} as JSON to {@code path} with the key (none when null). */
  public HttpResponse<String> post(String path, String key, String accept, Map<String, ?> body)
      throws Exception {
    return postRaw(path, key, accept, JSON.writeValueAsString(new LinkedHashMap<>(body)));
  }

  /** POSTs a raw body. */
  public HttpResponse<String> postRaw(String path, String key, String accept, String body)
      throws Exception {
    return http.send(request(path, key, accept, body), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * POSTs {@code body} as JSON and answers as soon as the headers arrive; read the body as it
   * comes.
   */
  public HttpResponse<InputStream> postStreaming(
      String path, String key, String accept, Map<String, ?> body) throws Exception {
    return http.send(
        request(path, key, accept, JSON.writeValueAsString(new LinkedHashMap<>(body))),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpRequest request(String path, String key, String accept, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      builder.header("X-API-Key", key);
    }
    return builder.build();
  }

  /** GETs {@code path} with the key (none when null). */
  public HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      builder.header("X-API-Key", key);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The caller's stored trace of the request whose prompt contains {@code marker}, waiting for it
   * to be written (traces are stored after the response).
   */
  public JsonNode awaitTrace(String key, String marker) {
    AtomicReference<JsonNode> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> list = get("/api/v1/traces?limit=200", key);
              assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
              found.set(
                  json(list)
                      .valueStream()
                      .filter(t -> t.path("prompt").asString().contains(marker))
                      .findFirst()
                      .orElseThrow(() -> new AssertionError("no trace with " + marker)));
            });
    return found.get();
  }

  /** The body as JSON. */
  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** The problem type slug of an error response. */
  public static String problemSlug(HttpResponse<String> response) {
    String type = json(response).path("type").asString();
    return type.substring(type.lastIndexOf('/') + 1);
  }
}
