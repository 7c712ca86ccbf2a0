package io.llmtwin.cli.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** JSON over HTTP to one service, with the API key on every request. */
public final class ApiClient {
  /** The one JSON mapper of the CLI. */
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private final URI base;
  private final String apiKey;
  private final Duration timeout;

  /**
   * A client of the service at {@code base}.
   *
   * @param apiKey sent as {@code X-API-Key}; null or blank sends none
   * @param timeout per request (not for streams)
   */
  public ApiClient(URI base, String apiKey, Duration timeout) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.apiKey = apiKey;
    this.timeout = timeout;
  }

  /** The service's base URL. */
  public URI base() {
    return base;
  }

  /** {@code GET path} → JSON. */
  public JsonNode get(String path) {
    return send(request(path).GET().build(), path);
  }

  /** {@code POST path} with a JSON body (null: empty object) → JSON (empty object for no body). */
  public JsonNode post(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json(body)))
            .build(),
        path);
  }

  /** {@code DELETE path} → JSON. */
  public JsonNode delete(String path) {
    return send(request(path).DELETE().build(), path);
  }

  /** {@code POST path} as {@code multipart/form-data} with one file field. */
  public JsonNode postFile(String path, String field, String fileName, byte[] content) {
    String boundary = "llmtwin-" + UUID.randomUUID();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + fileName.replace("\"", "")
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[h.length + content.length + t.length];
    System.arraycopy(h, 0, body, 0, h.length);
    System.arraycopy(content, 0, body, h.length, content.length);
    System.arraycopy(t, 0, body, h.length + content.length, t.length);
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        path);
  }

  /**
   * Opens a server-sent event stream ({@code GET} when {@code body} is null, else {@code POST} with
   * it) and reads it until it ends or the listener stops.
   */
  public void stream(String path, Object body, ServerSentEvents.Listener listener) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream");
    addKey(builder);
    if (body == null) {
      builder.GET();
    } else {
      builder
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json(body)));
    }
    HttpResponse<InputStream> response;
    try {
      response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unreachable(path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(0, "interrupted", empty(), e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() >= 400) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        throw failure(response.statusCode(), path, text);
      }
      ServerSentEvents.read(in, listener);
    } catch (IOException e) {
      throw new UncheckedIOException("stream " + base + path + " broke: " + e.getMessage(), e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri(path)).timeout(timeout).header("Accept", "application/json");
    addKey(builder);
    return builder;
  }

  private void addKey(HttpRequest.Builder builder) {
    if (apiKey != null && !apiKey.isBlank()) {
      builder.header("X-API-Key", apiKey);
    }
  }

  private URI uri(String path) {
    return URI.create(base + (path.startsWith("/") ? path : "/" + path));
  }

  private JsonNode send(HttpRequest request, String path) {
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreachable(path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(0, "interrupted", empty(), e);
    }
    if (response.statusCode() >= 400) {
      throw failure(response.statusCode(), path, response.body());
    }
    return parse(response.body());
  }

  private ApiException unreachable(String path, IOException e) {
    String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e);
    return new ApiException(0, base + path + " is not reachable (" + why + ")", empty(), e);
  }

  private ApiException failure(int status, String path, String body) {
    JsonNode problem = parse(body);
    String title = problem.path("title").asString("");
    String detail = problem.path("detail").asString("");
    StringBuilder message = new StringBuilder().append(status).append(' ');
    message.append(title.isEmpty() ? "error" : title);
    if (!detail.isEmpty()) {
      message.append(": ").append(detail);
    } else if (problem.isEmpty() && body != null && !body.isBlank()) {
      message.append(": ").append(body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
    message.append(" (").append(base).append(path).append(')');
    return new ApiException(status, message.toString(), problem, null);
  }

  /** Parses JSON; an empty or non-JSON body becomes an empty object. */
  public static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return empty();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return empty();
    }
  }

  private static String json(Object body) {
    return body == null ? "{}" : JSON.writeValueAsString(body);
  }

  private static JsonNode empty() {
    return JsonNodeFactory.instance.objectNode();
  }
}
