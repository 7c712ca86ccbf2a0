package io.llmtwin.inference.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmtwin.inference.gguf.GgufFileType;
import io.llmtwin.inference.model.ModelServing;
import io.llmtwin.inference.rag.TwinAnswer;
import io.llmtwin.inference.rag.TwinGeneration;
import io.llmtwin.inference.rag.TwinGenerationService;
import io.llmtwin.inference.rag.TwinRequest;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.testsupport.Sse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The service follows the registry's {@code accepted} alias through the change stream (polling is
 * set to an hour, so only the stream can trigger the swap) and hot-swaps while 20 streaming
 * generations are in flight: none fails, they finish on the old version, new requests get the new
 * version, and the old model is closed afterwards.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123",
      "llmtwin.inference.registry.model=twin-hotswap",
      "llmtwin.inference.registry.poll-interval=1h",
      "llmtwin.inference.model.slots=20",
      "llmtwin.inference.model.queue-capacity=20",
      "llmtwin.inference.model.context-per-slot=512"
    })
@WithTestInfrastructure
class RegistryHotSwapIT {
  private static final String MODEL = "twin-hotswap";
  private static final int IN_FLIGHT = 20;
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

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void swapsToTheNewAcceptedVersionWhileGenerationsRunWithoutFailingAny() throws Exception {
    RegistryFixture fixture = new RegistryFixture(models, aliases, MODEL, WORK);
    int v1 = fixture.registerTinyLlama(1);
    fixture.accept(v1);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> serving.activeModel().version().equals("v" + v1));

    // 20 streaming generations on v1, each held inside its listener after the first piece
    CountDownLatch started = new CountDownLatch(IN_FLIGHT);
    CountDownLatch release = new CountDownLatch(1);
    List<TwinGeneration> running = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      AtomicBoolean first = new AtomicBoolean(true);
      TwinGeneration generation =
          twin.start(
              new TwinRequest("swap " + i, "author-1", null, false, 24, 0.0, 1.0, i),
              piece -> {
                if (first.getAndSet(false)) {
                  started.countDown();
                  hold(release);
                }
              });
      generation.answer().whenComplete((a, e) -> started.countDown());
      running.add(generation);
    }
    assertThat(started.await(3, TimeUnit.MINUTES)).isTrue();
    assertThat(running).anyMatch(g -> !g.answer().isDone());

    int v2 = fixture.registerTinyLlama(2);
    fixture.accept(v2);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> serving.activeModel().version().equals("v" + v2));
    assertThat(serving.loadedModels())
        .as("v1 stays loaded for its running generations")
        .isEqualTo(2);

    // new requests use v2, streamed and as JSON; /v1/models reports it
    List<Sse.Event> events = Sse.parse(post("text/event-stream").body());
    JsonNode done = json.readTree(events.get(events.size() - 1).data());
    assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
    assertThat(done.path("model").path("version").asString()).isEqualTo("v" + v2);
    assertThat(done.path("model").path("name").asString()).isEqualTo(MODEL);
    JsonNode answer = json.readTree(post("application/json").body());
    assertThat(answer.path("model").path("version").asString()).isEqualTo("v" + v2);
    assertThat(get("/v1/models")).contains("\"id\":\"" + MODEL + "\"").contains(":v" + v2 + "\"");

    release.countDown();
    for (TwinGeneration generation : running) {
      TwinAnswer finished = generation.answer().get(3, TimeUnit.MINUTES);
      assertThat(finished.model().version()).isEqualTo("v" + v1);
      assertThat(finished.usage().completionTokens()).isPositive();
    }

    await().atMost(Duration.ofMinutes(2)).until(() -> serving.loadedModels() == 1);
    assertThat(meters.get("llmtwin.inference.model.unloads").counter().count()).isEqualTo(1.0);
    assertThat(
            meters.get("llmtwin.inference.model.swaps").tag("outcome", "success").counter().count())
        .isEqualTo(2.0);
    assertThat(meters.get("llmtwin.inference.model.info").tag("version", "v" + v2).gauge().value())
        .isEqualTo(1.0);
    assertThat(meters.find("llmtwin.inference.model.info").tag("version", "v" + v1).gauge())
        .isNull();
    assertThat(meters.get("llmtwin.inference.generation.queue.wait").timer().count())
        .isGreaterThanOrEqualTo(IN_FLIGHT + 2);
    assertThat(meters.get("llmtwin.inference.generation.tokens.per.second").summary().count())
        .isPositive();
    // the converted files were stored back for other replicas
    assertThat(models.version(MODEL, v1).artifact("gguf/model-q8_0.gguf")).isPresent();
    assertThat(models.version(MODEL, v2).artifact("gguf/model-q8_0.gguf")).isPresent();

    // another replica (empty cache) downloads the stored file instead of converting
    RegistryModelProperties otherReplica =
        new RegistryModelProperties(
            MODEL,
            "accepted",
            GgufFileType.Q8_0,
            WORK.resolve("replica-2"),
            Duration.ofHours(1),
            true,
            true);
    Path downloaded = new RegistryModelSource(models, otherReplica, serving.metrics()).prepare(v2);
    assertThat(
            meters
                .get("llmtwin.inference.model.preparation")
                .tag("source", "registry")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(Files.readAllBytes(downloaded))
        .isEqualTo(
            Files.readAllBytes(
                WORK.resolve("cache").resolve(MODEL).resolve("v" + v2).resolve("model-q8_0.gguf")));
  }

  private static void hold(CountDownLatch release) {
    try {
      if (!release.await(3, TimeUnit.MINUTES)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(String accept) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/generate"))
                    .header("Authorization", "Bearer test-key-123")
                    .header("Content-Type", "application/json")
                    .header("Accept", accept)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"prompt\":\"after the swap\",\"useRag\":false,\"maxTokens\":8}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer test-key-123")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("hotswap-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
