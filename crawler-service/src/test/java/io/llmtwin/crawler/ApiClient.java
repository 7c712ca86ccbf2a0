package io.llmtwin.crawler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running service's REST API as a client would. */
public final class ApiClient {
  /** A response with its JSON body. */
  public record Response(int status, JsonNode body, String raw) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String apiKey;

  public ApiClient(int port, String apiKey) {
    this.base = "http://localhost:" + port;
    this.apiKey = apiKey;
  }

  public ApiClient withKey(String key) {
    return new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), key);
  }

  public Response get(String path) {
    return send(builder(path).GET().build());
  }

  public Response post(String path, Object body) {
    return send(
        builder(path)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body == null ? "" : JSON.writeValueAsString(body)))
            .build());
  }

  public Response upload(String path, String fileName, byte[] content) {
    String boundary = "----llmtwin" + System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/zip\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        builder(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
            .build());
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (apiKey != null) {
      b.header("X-API-Key", apiKey);
    }
    return b;
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      JsonNode body = raw == null || raw.isBlank() ? JSON.nullNode() : parse(raw);
      return new Response(response.statusCode(), body, raw);
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode parse(String raw) {
    try {
      return JSON.readTree(raw);
    } catch (RuntimeException e) {
      return JSON.getNodeFactory().textNode(raw);
    }
  }
}
