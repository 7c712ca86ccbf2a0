package io.llmtwin.training.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.registry.model.VersionSpec;
import io.llmtwin.testsupport.WithTestInfrastructure;
import io.llmtwin.training.ApiClient;
import io.llmtwin.training.FeatureStoreFixture;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Acceptance (issue 9), through REST: two candidates of one author's model are fine-tuned from a
 * tiny generated checkpoint with the real llm-core trainer, one on the author's texts and one,
 * deliberately worse, on another author's. The gate accepts the better one (against the base model:
 * nothing is accepted yet) and refuses the worse one naming the metric that failed; a forced
 * promotion is audited as forced; rollback restores the previous holder; the history lists every
 * move; evaluations are on the versions and in the tracker; artifacts download verified, and a
 * corrupted one is a ProblemDetail.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=gate-author:gate-key,other-author:other-key",
      "llmtwin.training.evaluation.max-new-tokens=24",
      "llmtwin.training.evaluation.max-samples=8"
    })
@WithTestInfrastructure
class ModelPromotionEndToEndIT {
  static final String AUTHOR = "gate-author";
  static final String OTHER = "other-author";
  static final String KEY = "gate-key";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] TOPICS = {"rust ownership", "vector databases", "fine tuning llamas"};

  @TempDir static Path tmp;
  static Path baseModel;

  @LocalServerPort int port;
  @Autowired ModelRegistry registry;
  @Autowired ArtifactStore artifacts;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @BeforeAll
  static void fixtures() throws Exception {
    List<String> authorTexts = new ArrayList<>();
    try (FeatureStoreFixture store = new FeatureStoreFixture()) {
      for (int i = 0; i < TOPICS.length; i++) {
        StringBuilder body = new StringBuilder("# " + TOPICS[i] + "\n\n");
        for (int s = 0; s < 3; s++) {
          body.append("## part ").append(s).append("\n\n");
          body.append(
                  ("when i first met %s i wrote notes about %s , mistakes , lessons and"
                          + " experiments in section %d .")
                      .formatted(TOPICS[i], TOPICS[i], s))
              .append("\n\n");
        }
        authorTexts.add(body.toString());
        store.put(
            AUTHOR, DocumentType.ARTICLE, AUTHOR + "-a-" + i, "medium", TOPICS[i], body.toString());
      }
      for (int i = 0; i < 4; i++) {
        String post =
            "shipping update number %d : our team released retrieval improvements and measured recall ."
                .formatted(i);
        authorTexts.add(post);
        store.put(AUTHOR, DocumentType.POST, AUTHOR + "-p-" + i, "linkedin", null, post);
      }
      // another author writing about something else, in words the tokenizer mostly does not know
      String[] garden = {"tomato seedlings", "compost heaps", "pruning roses"};
      for (int i = 0; i < garden.length; i++) {
        StringBuilder body = new StringBuilder("# " + garden[i] + "\n\n");
        for (int s = 0; s < 3; s++) {
          body.append("## chapter ").append(s).append("\n\n");
          body.append(
                  ("Grandmother's greenhouse taught patience; %s thrive when soil stays moist,"
                          + " mulch keeps weeds away and sunlight arrives early, chapter %d.")
                      .formatted(garden[i], s))
              .append("\n\n");
        }
        store.put(
            OTHER, DocumentType.ARTICLE, OTHER + "-a-" + i, "medium", garden[i], body.toString());
      }
      for (int i = 0; i < 4; i++) {
        store.put(
            OTHER,
            DocumentType.POST,
            OTHER + "-p-" + i,
            "linkedin",
            null,
            "Harvest diary entry %d: zucchini overflowing, neighbours receiving baskets happily."
                .formatted(i));
      }
    }
    Set<String> vocabulary = new LinkedHashSet<>();
    for (String text : authorTexts) {
      for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9#]+")) {
        if (!w.isBlank() && !TinyLlamaCheckpoints.WORDS.contains(w)) {
          vocabulary.add(w);
        }
      }
    }
    vocabulary.add("##");
    baseModel = tmp.resolve("tiny-base");
    TinyLlamaCheckpoints.write(
        baseModel,
        LlamaConfig.llama(320, 32, 64, 2, 4, 2),
        11,
        new TinyLlamaCheckpoints.Options(0.1, List.copyOf(vocabulary), TensorDType.F32, 0));
  }

  @Test
  void theGateAcceptsTheBetterCandidateRefusesTheWorseAndRollbackRestoresTheHolder()
      throws Exception {
    String model = "twin-gate-" + UUID.randomUUID().toString().substring(0, 8);
    int better = train(AUTHOR, "gate-key", model);
    int worse = train(OTHER, "other-key", model);
    String path = "/api/v1/models/" + model;

    // evaluation: held-out loss, perplexity, style and ROUGE-L for candidate and base
    HttpResponse<String> evaluated = post(path + "/versions/v" + better + "/evaluations", "");
    assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
    JsonNode report = JSON.readTree(evaluated.body());
    JsonNode metrics = report.path("metrics");
    assertThat(metrics.path("eval/loss").asDouble())
        .as("the author's held-out responses are likelier after fine-tuning on the author")
        .isLessThan(metrics.path("eval/base_loss").asDouble());
    assertThat(metrics.path("eval/perplexity").asDouble())
        .isCloseTo(
            Math.exp(metrics.path("eval/loss").asDouble()),
            org.assertj.core.data.Offset.offset(1e-6));
    assertThat(metrics.has("eval/style_similarity")).isTrue();
    assertThat(metrics.has("eval/base_style_similarity")).isTrue();
    assertThat(metrics.path("eval/rouge_l").asDouble()).isBetween(0.0, 1.0);
    assertThat(report.path("generations")).isNotEmpty();
    assertThat(report.path("reused").asBoolean()).isFalse();
    assertThat(registry.version(model, better).metrics())
        .containsKeys("eval/loss", "eval/perplexity", "eval/base_loss", "eval/style_similarity");
    JsonNode again = JSON.readTree(post(path + "/versions/v" + better + "/evaluations", "").body());
    assertThat(again.path("reused").asBoolean()).isTrue();
    assertThat(again.path("metrics").path("eval/loss").asDouble())
        .isEqualTo(metrics.path("eval/loss").asDouble());

    // first promotion: nothing accepted yet, so the candidate must beat the base model
    HttpResponse<String> accepted =
        post(path + "/versions/v" + better + "/aliases/accepted", "{\"reason\":\"first twin\"}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    JsonNode moved = JSON.readTree(accepted.body());
    assertThat(moved.path("to").asInt()).isEqualTo(better);
    assertThat(moved.path("from").isNull()).isTrue();
    assertThat(moved.path("forced").asBoolean()).isFalse();
    assertThat(moved.path("actor").asText()).isEqualTo(AUTHOR);
    assertThat(moved.path("reason").asText()).contains("first twin", "promotion gate passed");

    // the worse candidate is measured on the holder's test split and refused
    HttpResponse<String> refused = post(path + "/versions/v" + worse + "/aliases/accepted", "{}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.path("type").asText())
        .isEqualTo("https://llmtwin.io/problems/promotion-refused");
    List<String> failed = new ArrayList<>();
    problem.path("failedMetrics").forEach(n -> failed.add(n.asText()));
    assertThat(failed).contains("eval/loss");
    assertThat(problem.path("comparedWith").asText()).isEqualTo("v" + better);
    assertThat(problem.path("detail").asText()).contains("eval/loss");
    assertThat(JSON.readTree(get(path).body()).path("aliases").path("accepted").asInt())
        .isEqualTo(better);

    // forcing needs a reason and is audited as forced
    assertThat(
            post(path + "/versions/v" + worse + "/aliases/accepted", "{\"force\":true}")
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> forced =
        post(
            path + "/versions/v" + worse + "/aliases/accepted",
            "{\"force\":true,\"reason\":\"demo of the other author's style\"}");
    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    assertThat(JSON.readTree(forced.body()).path("forced").asBoolean()).isTrue();

    // rollback restores the previous holder
    HttpResponse<String> rolledBack =
        post(path + "/rollback", "{\"alias\":\"accepted\",\"reason\":\"worse twin\"}");
    assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
    assertThat(JSON.readTree(rolledBack.body()).path("to").asInt()).isEqualTo(better);
    assertThat(JSON.readTree(get(path).body()).path("aliases").path("accepted").asInt())
        .isEqualTo(better);

    // the history lists every move
    JsonNode history = JSON.readTree(get(path + "/aliases/accepted/history").body());
    assertThat(history).hasSize(3);
    assertThat(history.findValuesAsText("change"))
        .containsExactly("ASSIGNED", "MOVED", "ROLLED_BACK");
    assertThat(history.get(1).path("forced").asBoolean()).isTrue();
    assertThat(history.get(1).path("to").asInt()).isEqualTo(worse);
    assertThat(history.get(2).path("to").asInt()).isEqualTo(better);
    assertThat(history.get(2).path("reason").asText()).isEqualTo("worse twin");

    // models and versions
    JsonNode listed = null;
    for (JsonNode m : JSON.readTree(get("/api/v1/models").body())) {
      if (m.path("name").asText().equals(model)) {
        listed = m;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("latestVersion").asInt()).isEqualTo(Math.max(better, worse));
    assertThat(JSON.readTree(get(path + "/versions").body())).hasSize(2);
    assertThat(JSON.readTree(get(path + "/versions/accepted").body()).path("number").asInt())
        .isEqualTo(better);
    assertThat(get(path + "/versions/v99").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/models/no-such-model/versions").statusCode()).isEqualTo(404);

    // the evaluation runs are in the experiment tracker
    List<String> tracked = new ArrayList<>();
    for (JsonNode run : JSON.readTree(get("/api/v1/experiments").body())) {
      if (run.path("name").asText().startsWith(model + "/v" + better + "/evaluation")) {
        tracked.addAll(run.path("metrics").findValuesAsText("name"));
      }
    }
    assertThat(tracked).contains("eval/loss", "eval/style_similarity", "eval/rouge_l");

    // artifacts stream verified; a corrupted one is a ProblemDetail
    VersionArtifact config =
        registry.version(model, better).artifact("merged/config.json").orElseThrow();
    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                api.request(path + "/versions/v" + better + "/artifacts/merged/config.json", KEY)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
        .isEqualTo(config.sha256());
    assertThat(download.headers().firstValue("X-Checksum-SHA256")).hasValue(config.sha256());
    VersionArtifact metricsFile =
        registry.version(model, better).artifact("metrics.json").orElseThrow();
    artifacts.put(
        metricsFile.key(),
        new ByteArrayInputStream("{\"tampered\":1}".getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> corrupted = get(path + "/versions/v" + better + "/artifacts/metrics.json");
    assertThat(corrupted.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(corrupted.body()).path("type").asText())
        .isEqualTo("https://llmtwin.io/problems/artifact-corrupted");
  }

  @Test
  void simultaneousGatedPromotionsAreSerialisedAndEachIsJudgedAgainstTheVersionItReplaces()
      throws Exception {
    String model = "twin-race-" + UUID.randomUUID().toString().substring(0, 8);
    for (double loss : new double[] {3.0, 2.0, 1.0}) {
      registry.register(
          model,
          VersionSpec.builder(baseModel.toString(), "ds-00000000000000b1")
              .metrics(
                  Map.of(
                      "eval/loss", loss,
                      "eval/base_loss", 4.0,
                      "eval/style_similarity", 0.5,
                      "eval/base_style_similarity", 0.4))
              .createdBy("test")
              .build());
    }
    String path = "/api/v1/models/" + model;
    assertThat(post(path + "/versions/v1/aliases/accepted", "{}").statusCode()).isEqualTo(200);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<HttpResponse<String>> two =
          pool.submit(() -> post(path + "/versions/v2/aliases/accepted", "{}"));
      Future<HttpResponse<String>> three =
          pool.submit(() -> post(path + "/versions/v3/aliases/accepted", "{}"));
      List<Integer> statuses = List.of(two.get().statusCode(), three.get().statusCode());
      assertThat(statuses).allMatch(s -> s == 200 || s == 409);
      assertThat(three.get().statusCode()).as(three.get().body()).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }

    // v3 (lowest loss) always ends as the single holder; every move is audited and chained
    assertThat(JSON.readTree(get(path).body()).path("aliases").path("accepted").asInt())
        .isEqualTo(3);
    JsonNode history = JSON.readTree(get(path + "/aliases/accepted/history").body());
    assertThat(history.size()).isBetween(2, 3);
    for (int i = 1; i < history.size(); i++) {
      assertThat(history.get(i).path("from").asInt())
          .isEqualTo(history.get(i - 1).path("to").asInt());
      assertThat(history.get(i).path("to").asInt())
          .as("each move lowers the loss")
          .isGreaterThan(history.get(i - 1).path("to").asInt());
    }

    // removing the alias is audited and ends the rollback trail
    HttpResponse<String> removed = delete(path + "/aliases/accepted?reason=retired");
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    assertThat(JSON.readTree(removed.body()).path("change").asText()).isEqualTo("REMOVED");
    assertThat(JSON.readTree(removed.body()).path("to").isNull()).isTrue();
    HttpResponse<String> again = delete(path + "/aliases/accepted");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(again.body()).path("type").asText())
        .isEqualTo("https://llmtwin.io/problems/alias-not-found");
    HttpResponse<String> noRollback = post(path + "/rollback", "{\"reason\":\"oops\"}");
    assertThat(noRollback.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(noRollback.body()).path("type").asText())
        .isEqualTo("https://llmtwin.io/problems/rollback-not-possible");
  }

  /** Trains a candidate of {@code model} on {@code author}'s texts; returns its version number. */
  private int train(String author, String key, String model) throws Exception {
    HttpResponse<String> created =
        api.post(
            "/api/v1/training-jobs",
            key,
            """
                        {"authorId":"%s","baseModel":"%s","method":"lora","model":"%s",
                         "hyperparameters":{"learningRate":0.01,"batchSize":4,"maxSteps":10,
                                            "loraRank":8,"loraAlpha":16,"maxSequenceLength":96,"seed":3},
                         "dataset":{"testShare":0.25,"ragShare":0.0,"seed":7}}
                        """
                .formatted(author, baseModel, model));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = JSON.readTree(created.body()).path("id").asText();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                List.of("SUCCEEDED", "FAILED", "CANCELLED")
                    .contains(job(id, key).path("state").asText()));
    JsonNode job = job(id, key);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    return registry.version(model, "candidate").number();
  }

  private JsonNode job(String id, String key) throws Exception {
    return JSON.readTree(api.get("/api/v1/training-jobs/" + id, key).body());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return api.post(path, KEY, body);
  }

  private HttpResponse<String> delete(String path) throws Exception {
    return api.send(api.request(path, KEY).DELETE().build());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return api.get(path, KEY);
  }
}
