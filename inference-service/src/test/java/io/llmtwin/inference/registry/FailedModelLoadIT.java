package io.llmtwin.inference.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmtwin.inference.model.ModelServing;
import io.llmtwin.inference.rag.TwinAnswer;
import io.llmtwin.inference.rag.TwinGenerationService;
import io.llmtwin.inference.rag.TwinRequest;
import io.llmtwin.registry.RegistryCollections;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.testsupport.WithTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A version that cannot be served (a corrupt checkpoint, a GGUF llama.cpp refuses, an artifact
 * whose stored bytes no longer match their SHA-256) leaves the old model serving and the {@code
 * model} health component DEGRADED with the reason (HTTP 200, so no probe acts on it); the next
 * good version clears it. Alias changes are noticed by polling only (change stream off), the
 * fallback path.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123",
      "llmtwin.inference.registry.model=twin-broken",
      "llmtwin.inference.registry.change-stream=false",
      "llmtwin.inference.registry.poll-interval=300ms",
      "llmtwin.inference.model.context-per-slot=512"
    })
@WithTestInfrastructure
class FailedModelLoadIT {
  private static final String MODEL = "twin-broken";
  private static final Path WORK = tempDir();

  @DynamicPropertySource
  static void cache(DynamicPropertyRegistry registry) {
    registry.add("llmtwin.inference.registry.cache-dir", () -> WORK.resolve("cache").toString());
  }

  @LocalServerPort int port;
  @Autowired ModelRegistry models;
  @Autowired AliasRegistry aliases;
  @Autowired ModelServing serving;
  @Autowired TwinGenerationService twin;
  @Autowired MeterRegistry meters;
  @Autowired MongoTemplate mongo;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void keepsServingTheOldModelAndReportsDegradedUntilAGoodVersionArrives() throws Exception {
    RegistryFixture fixture = new RegistryFixture(models, aliases, MODEL, WORK);
    JsonNode health = health();
    assertThat(health.path("components").path("model").path("status").asString())
        .isIn("UNKNOWN", "DOWN");

    int v1 = fixture.registerTinyLlama(1);
    fixture.accept(v1);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> serving.activeModel().version().equals("v" + v1));
    assertThat(health().path("components").path("model").path("status").asString()).isEqualTo("UP");

    // a checkpoint whose weights file is garbage (its checksum is fine: it was stored like that)
    Path broken = Files.createDirectories(WORK.resolve("broken"));
    Map<String, Path> artifacts =
        new java.util.LinkedHashMap<>(
            RegistryFixture.merged(
                new io.llmtwin.inference.gguf.TinyLlama(2).writeTo(WORK.resolve("seed-2"))));
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);
    artifacts.put(
        "merged/model.safetensors", Files.write(broken.resolve("model.safetensors"), garbage));
    int v2 = fixture.register(artifacts, "corrupt weights");
    fixture.accept(v2);
    JsonNode degraded = awaitModelStatus("DEGRADED");
    assertThat(degraded.path("details").path("version").asString()).isEqualTo("v" + v1);
    assertThat(degraded.path("details").path("failedVersion").asString()).isEqualTo("v" + v2);
    assertThat(degraded.path("details").path("lastError").asString()).isNotBlank();
    assertServes("v" + v1);

    // a GGUF artifact that llama.cpp refuses (stored by a "replica", so no conversion happens)
    Path badGguf = Files.write(broken.resolve("model-q8_0.gguf"), garbage);
    int v3 = fixture.register(Map.of("gguf/model-q8_0.gguf", badGguf), "corrupt gguf");
    fixture.accept(v3);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                health()
                    .path("components")
                    .path("model")
                    .path("details")
                    .path("failedVersion")
                    .asString()
                    .equals("v" + v3));
    assertThat(health().path("components").path("model").path("status").asString())
        .isEqualTo("DEGRADED");
    assertServes("v" + v1);
    assertThat(
            meters.get("llmtwin.inference.model.swaps").tag("outcome", "failure").counter().count())
        .isEqualTo(2.0);
    assertThat(serving.loadedModels()).isEqualTo(1);

    // a good checkpoint whose stored bytes were damaged afterwards: the SHA-256 check refuses it
    int v4 = fixture.registerTinyLlama(4);
    damageStoredArtifact(v4, "merged/model.safetensors");
    fixture.accept(v4);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                health()
                    .path("components")
                    .path("model")
                    .path("details")
                    .path("failedVersion")
                    .asString()
                    .equals("v" + v4));
    assertThat(
            health().path("components").path("model").path("details").path("lastError").asString())
        .contains("SHA-256");
    assertServes("v" + v1);

    int v5 = fixture.registerTinyLlama(5);
    fixture.accept(v5);
    JsonNode up = awaitModelStatus("UP");
    assertThat(up.path("details").path("version").asString()).isEqualTo("v" + v5);
    assertThat(up.path("details").has("lastError")).isFalse();
    assertServes("v" + v5);
  }

  /** Flips the bytes of the first GridFS chunk of an artifact (same length, other content). */
  private void damageStoredArtifact(int version, String artifact) {
    String key = models.version(MODEL, version).artifact(artifact).orElseThrow().key();
    Document file =
        mongo
            .getCollection(RegistryCollections.DEFAULT_GRIDFS_BUCKET + ".files")
            .find(new Document("filename", key))
            .first();
    assertThat(file).as("GridFS file of %s", key).isNotNull();
    var chunks = mongo.getCollection(RegistryCollections.DEFAULT_GRIDFS_BUCKET + ".chunks");
    Document chunk = chunks.find(new Document("files_id", file.get("_id")).append("n", 0)).first();
    byte[] data = chunk.get("data", Binary.class).getData();
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ~data[i];
    }
    chunks.updateOne(
        new Document("_id", chunk.get("_id")),
        new Document("$set", new Document("data", new Binary(data))));
  }

  private void assertServes(String version) throws Exception {
    TwinAnswer answer =
        twin.start(
                new TwinRequest("still there?", "author-1", null, false, 4, 0.0, 1.0, 1), p -> {})
            .answer()
            .get(2, TimeUnit.MINUTES);
    assertThat(answer.model().version()).isEqualTo(version);
  }

  private JsonNode awaitModelStatus(String status) throws Exception {
    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                health().path("components").path("model").path("status").asString().equals(status));
    return health().path("components").path("model");
  }

  /** {@code GET /actuator/health}: always 200 here, DEGRADED included. */
  private JsonNode health() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("failed-load-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
