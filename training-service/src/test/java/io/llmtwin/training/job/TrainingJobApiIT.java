package io.llmtwin.training.job;

import static io.llmtwin.training.ApiClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.registry.RegistryProperties;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.registry.artifact.ArtifactStoreException;
import io.llmtwin.registry.artifact.GridFsArtifactStore;
import io.llmtwin.registry.artifact.StoredArtifact;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.testsupport.Sse;
import io.llmtwin.testsupport.WithTestInfrastructure;
import io.llmtwin.training.ApiClient;
import io.llmtwin.training.FakeFineTuner;
import io.llmtwin.training.FeatureStoreFixture;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Acceptance: from a fixture author in the stand-in Qdrant, an offline dataset is built, a job is
 * started through REST, its SSE progress is followed to completion, and the run, the dataset and
 * the registered candidate are found.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123,ghost-author:ghost-key,tiny-author:tiny-key",
    })
@WithTestInfrastructure
class TrainingJobApiIT {
  static final String AUTHOR = "author-1";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Models whose merged weights the artifact store refuses: registration fails half-way. */
  static final String BROKEN_STORE_PREFIX = "twin-halfway-";

  @TestConfiguration
  static class Fakes {
    @Bean
    @Primary
    FakeFineTuner fakeFineTuner() {
      return new FakeFineTuner();
    }

    /** The registry's GridFS store, failing the upload of one artifact of some models. */
    @Bean
    ArtifactStore failingArtifactStore(
        MongoDatabaseFactory factory, MongoTemplate mongo, RegistryProperties properties) {
      return new FailingArtifactStore(
          new GridFsArtifactStore(factory, mongo.getConverter(), properties.gridfs().bucket()));
    }
  }

  /** Fails {@code put} of {@code merged/model.safetensors} of models named BROKEN_STORE_PREFIX*. */
  record FailingArtifactStore(ArtifactStore delegate) implements ArtifactStore {
    @Override
    public StoredArtifact put(String key, InputStream content) {
      return delegate.put(key, content);
    }

    @Override
    public StoredArtifact put(String key, Path file) {
      if (key.startsWith("models/" + BROKEN_STORE_PREFIX)
          && key.endsWith("/merged/model.safetensors")) {
        throw new ArtifactStoreException(key, "disk full while storing " + key);
      }
      return delegate.put(key, file);
    }

    @Override
    public InputStream get(String key) {
      return delegate.get(key);
    }

    @Override
    public Optional<StoredArtifact> stat(String key) {
      return delegate.stat(key);
    }

    @Override
    public boolean delete(String key) {
      return delegate.delete(key);
    }

    @Override
    public List<StoredArtifact> list(String prefix) {
      return delegate.list(prefix);
    }
  }

  @LocalServerPort int port;
  @Autowired ModelRegistry registry;
  @Autowired AliasRegistry aliases;
  @Autowired ArtifactStore artifacts;
  @Autowired FakeFineTuner fineTuner;
  @Autowired MongoTemplate mongo;
  @Autowired TrainingJobService jobs;
  final HttpClient http = HttpClient.newHttpClient();
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @BeforeAll
  static void corpus() throws Exception {
    try (FeatureStoreFixture store = new FeatureStoreFixture()) {
      store.corpus(AUTHOR);
      store.neighbour("neighbour-of-author-1");
      store.put("tiny-author", DocumentType.POST, "tiny-1", "linkedin", null, "Hi!");
    }
  }

  @Test
  void trainsFromTheFeatureStoreAndRegistersACandidate() throws Exception {
    String model = "twin-it-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        post(
            "test-key-123",
            """
            {"authorId":"author-1","baseModel":"/models/tiny","method":"lora",
             "hyperparameters":{"learningRate":0.001,"loraRank":4,"maxSteps":5},
             "dataset":{"testShare":0.2,"ragShare":0.5,"seed":7},"model":"%s"}
            """
                .formatted(model));
    assertThat(created.statusCode()).isEqualTo(202);
    JsonNode job = JSON.readTree(created.body());
    String id = job.path("id").asText();
    String datasetVersion = job.path("spec").path("datasetVersion").asText();
    assertThat(datasetVersion).matches("ds-[0-9a-f]{16}");
    assertThat(created.headers().firstValue("Location")).contains("/api/v1/training-jobs/" + id);

    List<String> events = sse("/api/v1/training-jobs/" + id + "/events", "test-key-123");
    assertThat(events).anyMatch(e -> e.startsWith("progress:") && e.contains("\"loss\""));
    assertThat(events.get(events.size() - 1)).startsWith("state:").contains("SUCCEEDED");

    JsonNode done = JSON.readTree(get("/api/v1/training-jobs/" + id, "test-key-123").body());
    assertThat(done.path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(done.path("registeredVersion").asInt()).isEqualTo(1);

    JsonNode experiments = JSON.readTree(get("/api/v1/experiments", "test-key-123").body());
    JsonNode run = null;
    for (JsonNode e : experiments) {
      if (e.path("id").asText().equals(id)) {
        run = e;
      }
    }
    assertThat(run).isNotNull();
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("parameters").path("lora_rank").asText()).isEqualTo("4");
    assertThat(run.path("metrics").findValuesAsText("name")).contains("loss", "eval_loss");

    assertThat(artifacts.exists("datasets/" + datasetVersion + "/train.jsonl")).isTrue();
    assertThat(artifacts.exists("datasets/" + datasetVersion + "/stats.json")).isTrue();
    // ragShare 0.5: exactly half of the extracts carry context, all of it from the author's
    // other documents (chunks written through the feature store, found by the retrieval client)
    List<JsonNode> rows = new ArrayList<>();
    rows.addAll(
        FeatureStoreFixture.jsonl(artifacts, "datasets/" + datasetVersion + "/train.jsonl"));
    rows.addAll(FeatureStoreFixture.jsonl(artifacts, "datasets/" + datasetVersion + "/test.jsonl"));
    int withContext = FeatureStoreFixture.assertContextFromTheAuthorsOtherDocuments(rows);
    assertThat(withContext).isEqualTo(Math.round(0.5 * rows.size()));
    assertThat(fineTuner.last.get().train())
        .filteredOn(s -> s.hasContext())
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.context()).startsWith("[1] "));
    ModelVersion candidate = registry.version(model, AliasNames.CANDIDATE);
    assertThat(candidate.number()).isEqualTo(1);
    assertThat(candidate.lineage().datasetVersion()).isEqualTo(datasetVersion);
    assertThat(candidate.lineage().baseModel()).isEqualTo("/models/tiny");
    assertThat(candidate.metrics()).containsEntry("eval_loss", 0.5);
    assertThat(candidate.artifacts())
        .extracting(a -> a.name())
        .contains("adapter/adapter.safetensors", "merged/model.safetensors", "metrics.json");
    assertThat(fineTuner.last.get().train()).isNotEmpty();
    assertThat(fineTuner.last.get().train())
        .allSatisfy(s -> assertThat(s.response()).doesNotContain("jane.doe@example.com"));
  }

  @Test
  void failingJobEndsFailedWithAReasonAndRegistersNothing() throws Exception {
    String model = "twin-fail-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        post(
            "test-key-123",
            "{\"authorId\":\"author-1\",\"baseModel\":\"fail\",\"model\":\"" + model + "\"}");
    assertThat(created.statusCode()).isEqualTo(202);
    String id = JSON.readTree(created.body()).path("id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                JSON.readTree(get("/api/v1/training-jobs/" + id, "test-key-123").body())
                    .path("state")
                    .asText()
                    .equals("FAILED"));
    JsonNode job = JSON.readTree(get("/api/v1/training-jobs/" + id, "test-key-123").body());
    assertThat(job.path("reason").asText()).contains("no config.json");
    assertThat(registry.findModel(model)).isEmpty();
    assertThat(aliases.target(model, AliasNames.CANDIDATE)).isEmpty();
  }

  @Test
  void aJobFailingHalfWayThroughRegistrationLeavesNoVersionAndNoArtifacts() throws Exception {
    String model = BROKEN_STORE_PREFIX + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        post(
            "test-key-123",
            "{\"authorId\":\"author-1\",\"baseModel\":\"/models/tiny\",\"model\":\""
                + model
                + "\"}");
    assertThat(created.statusCode()).isEqualTo(202);
    String id = JSON.readTree(created.body()).path("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> state(id).equals("FAILED"));
    JsonNode job = JSON.readTree(get("/api/v1/training-jobs/" + id, "test-key-123").body());
    assertThat(job.path("reason").asText()).contains("disk full");
    assertThat(
            job.path("registeredVersion").isMissingNode() || job.path("registeredVersion").isNull())
        .isTrue();
    assertThat(registry.findModel(model).map(m -> registry.versions(model)).orElse(List.of()))
        .isEmpty();
    assertThat(aliases.target(model, AliasNames.CANDIDATE)).isEmpty();
    assertThat(artifacts.list("models/" + model + "/"))
        .as("the adapter files uploaded before the failure were removed")
        .isEmpty();
    JsonNode run = JSON.readTree(get("/api/v1/experiments/" + id, "test-key-123").body());
    assertThat(run.path("status").asText()).isEqualTo("FAILED");
  }

  @Test
  void cancelsARunningJob() throws Exception {
    HttpResponse<String> created =
        post("test-key-123", "{\"authorId\":\"author-1\",\"baseModel\":\"slow\"}");
    String id = JSON.readTree(created.body()).path("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> state(id).equals("RUNNING"));
    HttpResponse<String> deleted =
        api.send(api.request("/api/v1/training-jobs/" + id, "test-key-123").DELETE().build());
    assertThat(deleted.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> state(id).equals("CANCELLED"));
  }

  @Test
  void aJobLeftRunningByAStoppedServiceIsMarkedInterruptedAndRunAgain() throws Exception {
    HttpResponse<String> created =
        post("test-key-123", "{\"authorId\":\"author-1\",\"baseModel\":\"/models/tiny\"}");
    String id = JSON.readTree(created.body()).path("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> state(id).equals("SUCCEEDED"));
    // simulate a node that died mid-run: the stored job says RUNNING
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().set("state", "RUNNING"),
        TrainingJobStore.COLLECTION);
    jobs.recoverInterrupted();
    await().atMost(Duration.ofSeconds(30)).until(() -> state(id).equals("SUCCEEDED"));
    assertThat(
            JSON.readTree(get("/api/v1/training-jobs/" + id, "test-key-123").body())
                .path("reason")
                .asText())
        .contains("service stopped while the job was RUNNING");
  }

  @Test
  void unknownAuthorIsABadRequest() throws Exception {
    HttpResponse<String> r =
        post("ghost-key", "{\"authorId\":\"ghost-author\",\"baseModel\":\"/models/tiny\"}");
    assertProblem(r, 400, "unknown-author");
  }

  @Test
  void emptyCorpusIsABadRequest() throws Exception {
    HttpResponse<String> r =
        post("tiny-key", "{\"authorId\":\"tiny-author\",\"baseModel\":\"/models/tiny\"}");
    assertProblem(r, 400, "empty-corpus");
  }

  @Test
  void invalidHyperparametersAreABadRequest() throws Exception {
    HttpResponse<String> r =
        post(
            "test-key-123",
            "{\"authorId\":\"author-1\",\"baseModel\":\"/m\",\"hyperparameters\":{\"learningRate\":5}}");
    assertProblem(r, 400, "invalid-hyperparameters");
    assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("learningRate");
    assertProblem(
        post(
            "test-key-123", "{\"authorId\":\"author-1\",\"baseModel\":\"/m\",\"method\":\"full\"}"),
        400,
        "invalid-hyperparameters");
  }

  @Test
  void anotherAuthorsJobsAreNotVisible() throws Exception {
    assertProblem(
        post("ghost-key", "{\"authorId\":\"author-1\",\"baseModel\":\"/m\"}"), 403, "forbidden");
  }

  private String state(String id) throws Exception {
    return JSON.readTree(get("/api/v1/training-jobs/" + id, "test-key-123").body())
        .path("state")
        .asText();
  }

  private HttpResponse<String> post(String key, String body) throws Exception {
    return api.post("/api/v1/training-jobs", key, body);
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    return api.get(path, key);
  }

  /** Reads the SSE stream until the server completes it: "name:data" per event. */
  private List<String> sse(String path, String key) throws Exception {
    String body =
        http.sendAsync(
                api.request(path, key).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .get(60, TimeUnit.SECONDS)
            .body();
    return Sse.parse(body).stream().map(e -> e.name() + ":" + e.data()).toList();
  }
}
