package io.llmtwin.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls training-service's REST API on {@code localhost:port} with an API key, as a client would.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  public ApiClient(int port) {
    this.port = port;
  }

  /** A request to {@code path} carrying {@code key}. */
  public HttpRequest.Builder request(String path, String key) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("X-API-Key", key)
        .timeout(Duration.ofSeconds(120));
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path, String key)
      throws IOException, InterruptedException {
    return send(request(path, key).GET().build());
  }

  public HttpResponse<String> post(String path, String key, String json)
      throws IOException, InterruptedException {
    return send(
        request(path, key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Asserts an RFC 9457 problem answer with {@code status} and type slug {@code slug}. */
  public static void assertProblem(HttpResponse<String> r, int status, String slug)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(JSON.readTree(r.body()).path("type").asText()).endsWith("/problems/" + slug);
  }
}
