package io.llmtwin.training.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plain HTTP access to Comet's REST API v2 (its Java SDK is not on Maven Central): JSON bodies,
 * {@code Authorization: <api key>}, non-2xx answers and transport failures as {@link
 * CometException}. Shared by the experiment tracker and the model-registry mirror, which both log
 * experiments through its experiment write calls (endpoints and fields as in Comet's "REST API:
 * write endpoints" page, see docs/adr/0100-training-service.md, "Comet"):
 *
 * <ul>
 *   <li>{@link #createExperiment}: {@code POST /api/rest/v2/write/experiment/create} {@code
 *       {workspaceName, projectName, experimentName?}} → {@code {experimentKey, workspaceName,
 *       projectName, link}}
 *   <li>{@link #logParameter}: {@code POST …/parameter} {@code {experimentKey, parameterName,
 *       parameterValue, step?, timestamp?}}
 *   <li>{@link #logMetric}: {@code POST …/metric} {@code {experimentKey, metricName, metricValue,
 *       step?, epoch?, context?, timestamp?}}
 *   <li>{@link #logOther}: {@code POST …/log-other} {@code {experimentKey, key, value, timestamp?}}
 *   <li>{@link #addTags}: {@code POST …/tags} {@code {experimentKey, addedTags: [..]}}
 *   <li>{@link #stopExperiment}: {@code GET …/stop?experimentKey=KEY}
 * </ul>
 *
 * An optional field passed as {@code null} is left out of the payload.
 */
public final class CometRestClient {
  /** Prefix of the write endpoints. */
  public static final String WRITE = "/api/rest/v2/write/";

  /** Prefix of the experiment write endpoints. */
  static final String EXPERIMENT = WRITE + "experiment/";

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

  /**
   * Creates an experiment named {@code name} in {@code workspace}/{@code project} and returns its
   * key.
   */
  public String createExperiment(String workspace, String project, String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workspaceName", workspace);
    body.put("projectName", project);
    body.put("experimentName", name);
    String key = post(EXPERIMENT + "create", body).path("experimentKey").asText("");
    if (key.isEmpty()) {
      throw new CometException("Comet answered create without an experimentKey");
    }
    return key;
  }

  /** Logs hyperparameter {@code name} of experiment {@code key}; {@code timestamp} may be null. */
  public void logParameter(String key, String name, String value, Long timestamp) {
    post(
        EXPERIMENT + "parameter",
        named(key, "parameterName", name, "parameterValue", value, timestamp));
  }

  /**
   * Logs metric {@code name} of experiment {@code key}; {@code step} and {@code timestamp} may be
   * null.
   */
  public void logMetric(String key, String name, double value, Long step, Long timestamp) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experimentKey", key);
    body.put("metricName", name);
    body.put("metricValue", value);
    if (step != null) {
      body.put("step", step);
    }
    if (timestamp != null) {
      body.put("timestamp", timestamp);
    }
    post(EXPERIMENT + "metric", body);
  }

  /** Logs the other value {@code name} of experiment {@code key}; {@code timestamp} may be null. */
  public void logOther(String key, String name, String value, Long timestamp) {
    post(EXPERIMENT + "log-other", named(key, "key", name, "value", value, timestamp));
  }

  /** Adds {@code tags} to experiment {@code key}. */
  public void addTags(String key, List<String> tags) {
    post(EXPERIMENT + "tags", Map.of("experimentKey", key, "addedTags", tags));
  }

  /** Marks experiment {@code key} as ended. */
  public void stopExperiment(String key) {
    get(EXPERIMENT + "stop?experimentKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
  }

  private static Map<String, Object> named(
      String key, String nameField, String name, String valueField, String value, Long timestamp) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experimentKey", key);
    body.put(nameField, name);
    body.put(valueField, value);
    if (timestamp != null) {
      body.put("timestamp", timestamp);
    }
    return body;
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
