package io.llmtwin.cli.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The services' REST APIs as the CLI and the demo use them (see {@code docs/cli.md}); one method
 * per call, no waiting or printing here.
 */
public final class TwinApi {
  private final Endpoints endpoints;
  private final Map<Service, ApiClient> clients = new EnumMap<>(Service.class);
  private final ApiClient crawler;
  private final ApiClient training;
  private final ApiClient inference;

  /** Clients for the given endpoints. */
  public TwinApi(Endpoints endpoints) {
    this.endpoints = endpoints;
    Duration timeout = Duration.ofMinutes(5);
    for (Service s : Service.values()) {
      clients.put(s, new ApiClient(endpoints.url(s), endpoints.apiKey(), timeout));
    }
    this.crawler = client(Service.CRAWLER);
    this.training = client(Service.TRAINING);
    this.inference = client(Service.INFERENCE);
  }

  /** The endpoints. */
  public Endpoints endpoints() {
    return endpoints;
  }

  // ---- crawler-service ----

  /** {@code POST /api/v1/authors}: creates (or replaces) the key's author. */
  public JsonNode createAuthor(String name, Map<String, String> profiles) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("profiles", profiles);
    return crawler.post("/api/v1/authors", body);
  }

  /** {@code GET /api/v1/authors/{id}}. */
  public JsonNode author(String authorId) {
    return crawler.get("/api/v1/authors/" + enc(authorId));
  }

  /** {@code POST /api/v1/crawls} → the crawl resource (202). */
  public JsonNode startCrawl(String authorId, List<String> links) {
    return crawler.post("/api/v1/crawls", Map.of("authorId", authorId, "links", links));
  }

  /** {@code GET /api/v1/crawls/{id}}. */
  public JsonNode crawl(String crawlId) {
    return crawler.get("/api/v1/crawls/" + enc(crawlId));
  }

  /** {@code POST /api/v1/authors/{id}/sync} → the crawl resource. */
  public JsonNode sync(String authorId) {
    return crawler.post("/api/v1/authors/" + enc(authorId) + "/sync", null);
  }

  /** {@code POST /api/v1/imports/linkedin} with a LinkedIn data-export ZIP. */
  public JsonNode importLinkedIn(String fileName, byte[] zip) {
    return crawler.postFile("/api/v1/imports/linkedin", "file", fileName, zip);
  }

  // ---- training-service ----

  /** {@code GET /api/v1/corpus/{authorId}}: cleaned documents in the feature store. */
  public JsonNode corpus(String authorId) {
    return training.get("/api/v1/corpus/" + enc(authorId));
  }

  /** {@code POST /api/v1/datasets} with the author and dataset config fields. */
  public JsonNode buildDataset(String authorId, Map<String, Object> config) {
    Map<String, Object> body = new LinkedHashMap<>(config);
    body.put("authorId", authorId);
    return training.post("/api/v1/datasets", body);
  }

  /** {@code POST /api/v1/training-jobs} → the job (202). */
  public JsonNode submitTrainingJob(Map<String, Object> spec) {
    return training.post("/api/v1/training-jobs", spec);
  }

  /** {@code GET /api/v1/training-jobs/{id}}. */
  public JsonNode trainingJob(String jobId) {
    return training.get("/api/v1/training-jobs/" + enc(jobId));
  }

  /** Follows {@code GET /api/v1/training-jobs/{id}/events} until it ends or the listener stops. */
  public void followTrainingJob(String jobId, ServerSentEvents.Listener listener) {
    training.stream("/api/v1/training-jobs/" + enc(jobId) + "/events", null, listener);
  }

  /** {@code GET /api/v1/models}. */
  public JsonNode models() {
    return training.get("/api/v1/models");
  }

  /** {@code GET /api/v1/models/{model}/versions}. */
  public JsonNode versions(String model) {
    return training.get("/api/v1/models/" + enc(model) + "/versions");
  }

  /** {@code GET /api/v1/models/{model}/versions/{ref}} (v3, 3, latest or an alias). */
  public JsonNode version(String model, String ref) {
    return training.get("/api/v1/models/" + enc(model) + "/versions/" + enc(ref));
  }

  /** {@code POST /api/v1/models/{model}/versions/{ref}/evaluations} → the report. */
  public JsonNode evaluate(String model, String ref) {
    return training.post(
        "/api/v1/models/" + enc(model) + "/versions/" + enc(ref) + "/evaluations", null);
  }

  /**
   * {@code POST /api/v1/models/{model}/versions/{ref}/aliases/{alias}}: moves the alias (the
   * promotion gate runs for {@code accepted}; a refusal is a 409 {@code promotion-refused}).
   */
  public JsonNode moveAlias(String model, String ref, String alias, String reason, boolean force) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("force", force);
    return training.post(
        "/api/v1/models/" + enc(model) + "/versions/" + enc(ref) + "/aliases/" + enc(alias), body);
  }

  /** {@code POST /api/v1/models/{model}/rollback}. */
  public JsonNode rollback(String model, String alias, String reason) {
    return training.post(
        "/api/v1/models/" + enc(model) + "/rollback", Map.of("alias", alias, "reason", reason));
  }

  /** {@code GET /api/v1/models/{model}/aliases/{alias}/history}. */
  public JsonNode aliasHistory(String model, String alias) {
    return training.get("/api/v1/models/" + enc(model) + "/aliases/" + enc(alias) + "/history");
  }

  // ---- inference-service ----

  /**
   * {@code POST /api/v1/generate} as a stream: {@code token} events go to the listener, the {@code
   * done} event's data is returned.
   */
  public JsonNode generate(
      Map<String, Object> request, java.util.function.Consumer<String> tokens) {
    JsonNode[] done = {null};
    String[] error = {null};
    inference.stream(
        "/api/v1/generate",
        request,
        (event, data) -> {
          switch (event) {
            case "token" -> tokens.accept(ApiClient.parse(data).path("text").asString(""));
            case "done" -> {
              done[0] = ApiClient.parse(data);
              return false;
            }
            case "error" -> {
              error[0] = data;
              return false;
            }
            default -> {}
          }
          return true;
        });
    if (error[0] != null) {
      JsonNode problem = ApiClient.parse(error[0]);
      String detail = problem.path("detail").asString(problem.path("message").asString(error[0]));
      throw new ApiException(500, "generation failed: " + detail, problem, null);
    }
    if (done[0] == null) {
      throw new ApiException(500, "the generation stream ended without a done event", null, null);
    }
    return done[0];
  }

  // ---- every service ----

  /** {@code GET /actuator/health} of a service (no key needed); 503 bodies are returned too. */
  public JsonNode health(Service service) {
    try {
      return client(service).get("/actuator/health");
    } catch (ApiException e) {
      if (e.status() == 503 && !e.problem().isEmpty()) {
        return e.problem();
      }
      throw e;
    }
  }

  /** The client of one service. */
  public ApiClient client(Service service) {
    return clients.get(service);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
