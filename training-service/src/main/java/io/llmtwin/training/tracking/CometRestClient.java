package io.llmtwin.training.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Plain HTTP access to Comet's REST API v2 (its Java SDK is not on Maven Central): JSON bodies,
 * {@code Authorization: <api key>}, non-2xx answers and transport failures as {@link
 * CometException}. Shared by the experiment tracker and the model-registry mirror.
 */
public final class CometRestClient {
  /** Prefix of the write endpoints. */
  public static final String WRITE = "/api/rest/v2/write/";

  /** Prefix of the read endpoints. */
  public static final String READ = "/api/rest/v2/";

  private final URI baseUrl;
  private final String apiKey;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param baseUrl e.g. {@code https://www.comet.com}
   * @param apiKey the Comet API key
   * @param timeout connect timeout
   */
  public CometRestClient(URI baseUrl, String apiKey, Duration timeout) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** POSTs {@code body} as JSON to {@code path} (with any query) and returns the JSON answer. */
  public JsonNode post(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(baseUrl.resolve(path))
              .header("Authorization", apiKey)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .build());
    } catch (IOException e) {
      throw new CometException("cannot encode a Comet request: " + e.getMessage());
    }
  }

  /** GETs {@code path} (with any query) and returns the JSON answer. */
  public JsonNode get(String path) {
    return send(
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .header("Authorization", apiKey)
            .GET()
            .build());
  }

  /** POSTs {@code content} as the multipart form field {@code file} named {@code fileName}. */
  public JsonNode postFile(String path, String fileName, byte[] content) {
    String boundary = "llmtwin-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName.replace("\"", "")
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .header("Authorization", apiKey)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new CometException(
            "Comet answered " + response.statusCode() + " to " + request.uri().getPath());
      }
      String body = response.body();
      if (body == null || body.isBlank()) {
        return json.createObjectNode();
      }
      try {
        return json.readTree(body);
      } catch (IOException e) {
        return json.getNodeFactory().textNode(body);
      }
    } catch (IOException e) {
      throw new CometException("Comet request failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CometException("interrupted while calling Comet");
    }
  }

  /** A Comet call failed. */
  public static final class CometException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a reason (never the API key). */
    public CometException(String message) {
      super(message);
    }
  }
}
