package io.llmtwin.training.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.export.PeftAdapter;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.testsupport.Sse;
import io.llmtwin.testsupport.WithTestInfrastructure;
import io.llmtwin.training.FeatureStoreFixture;
import io.llmtwin.training.job.FineTuner;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Acceptance (issue 8) with the real llm-core trainer: a tiny generated Llama checkpoint is
 * fine-tuned with LoRA for a few steps through the REST API on a dataset whose RAG-augmented
 * quarter carries context retrieved from the author's other documents; SSE progress is followed to
 * completion; the run and its metrics are in the local tracker; the registry's {@code candidate}
 * holds the PEFT adapter and a merged checkpoint that loads back with llm-core and computes the
 * same logits as the base model with the adapter applied.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"llmtwin.security.api-keys=lora-author:lora-key"})
@WithTestInfrastructure
class LoraTrainingEndToEndIT {
  static final String AUTHOR = "lora-author";
  static final String KEY = "lora-key";
  static final int STEPS = 8;
  static final ObjectMapper JSON = new ObjectMapper();

  /** The fixture corpus' words, so the word-level tiny tokenizer sees few unknown tokens. */
  static final List<String> CORPUS_WORDS =
      List.of(
          "rust",
          "ownership",
          "vector",
          "databases",
          "fine",
          "tuning",
          "llamas",
          "first",
          "met",
          "wrote",
          "notes",
          "about",
          "mistakes",
          "lessons",
          "experiments",
          "section",
          "part",
          "reach",
          "me",
          "at",
          "or",
          "shipping",
          "update",
          "number",
          "team",
          "released",
          "retrieval",
          "improvements",
          "measured",
          "recall",
          "post",
          "article",
          "linkedin",
          "medium",
          "on",
          "#",
          "##",
          "(",
          ")",
          "[",
          "]",
          "<",
          ">",
          "email",
          "phone",
          "redacted");

  @TempDir static Path tmp;
  static Path baseModel;

  @LocalServerPort int port;
  @Autowired FineTuner fineTuner;
  @Autowired ModelRegistry registry;
  @Autowired ArtifactStore artifacts;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void fixtures() throws Exception {
    try (FeatureStoreFixture store = new FeatureStoreFixture()) {
      store.corpus(AUTHOR);
      store.neighbour("lora-neighbour");
    }
    baseModel = tmp.resolve("tiny-base");
    TinyLlamaCheckpoints.write(
        baseModel,
        LlamaConfig.llama(320, 32, 64, 2, 4, 2),
        11,
        new TinyLlamaCheckpoints.Options(0.1, CORPUS_WORDS, TensorDType.F32, 0));
  }

  @Test
  void trainsATinyCheckpointWithLoraThroughTheApiAndRegistersLoadableOutputs() throws Exception {
    assertThat(fineTuner).isInstanceOf(LlmCoreFineTuner.class);
    String model = "twin-lora-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        post(
            """
            {"authorId":"%s","baseModel":"%s","method":"lora","model":"%s",
             "hyperparameters":{"learningRate":0.01,"batchSize":4,"maxSteps":%d,
                                "loraRank":8,"loraAlpha":16,"maxSequenceLength":320,"seed":3},
             "dataset":{"testShare":0.25,"ragShare":0.25,"seed":7}}
            """
                .formatted(AUTHOR, baseModel, model, STEPS));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = JSON.readTree(created.body()).path("id").asText();

    List<String> events = sse("/api/v1/training-jobs/" + id + "/events");
    assertThat(events.get(events.size() - 1)).startsWith("state:").contains("SUCCEEDED");
    List<JsonNode> progress = new ArrayList<>();
    for (String e : events) {
      if (e.startsWith("progress:")) {
        progress.add(JSON.readTree(e.substring("progress:".length())));
      }
    }
    assertThat(progress).isNotEmpty();
    JsonNode last = progress.get(progress.size() - 1);
    assertThat(last.path("step").asLong()).isEqualTo(STEPS);
    assertThat(last.path("totalSteps").asLong()).isEqualTo(STEPS);
    assertThat(last.path("tokensPerSecond").asDouble()).isPositive();
    assertThat(last.path("etaSeconds").asLong()).isZero();
    assertThat(progress).allSatisfy(p -> assertThat(p.path("loss").asDouble()).isFinite());

    JsonNode job = JSON.readTree(get("/api/v1/training-jobs/" + id).body());
    assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");

    // a quarter of the samples were trained with context retrieved from the author's other
    // documents (chunks in the feature store), as inference will supply it
    String dataset = job.path("spec").path("datasetVersion").asText();
    JsonNode stats = JSON.readTree(get("/api/v1/datasets/" + dataset).body()).path("statistics");
    List<JsonNode> rows =
        FeatureStoreFixture.jsonl(artifacts, "datasets/" + dataset + "/train.jsonl");
    rows.addAll(FeatureStoreFixture.jsonl(artifacts, "datasets/" + dataset + "/test.jsonl"));
    assertThat(stats.path("ragSamples").asInt())
        .isEqualTo(Math.round(0.25 * rows.size()))
        .isPositive()
        .isEqualTo(FeatureStoreFixture.assertContextFromTheAuthorsOtherDocuments(rows));

    JsonNode run = null;
    for (JsonNode e : JSON.readTree(get("/api/v1/experiments").body())) {
      if (e.path("id").asText().equals(id)) {
        run = e;
      }
    }
    assertThat(run).as("tracked run " + id).isNotNull();
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("parameters").path("method").asText()).isEqualTo("lora");
    assertThat(run.path("metrics").findValuesAsText("name"))
        .contains("loss", "tokens_per_second", "train_loss", "eval_loss");

    ModelVersion candidate = registry.version(model, AliasNames.CANDIDATE);
    assertThat(candidate.metrics()).containsKeys("train_loss", "eval_loss", "base_eval_loss");
    assertThat(candidate.metrics().get("eval_loss"))
        .as("held-out loss after LoRA training")
        .isLessThan(candidate.metrics().get("base_eval_loss"));
    assertThat(candidate.artifacts())
        .extracting(VersionArtifact::name)
        .contains(
            "adapter/adapter_config.json",
            "adapter/adapter_model.safetensors",
            "merged/config.json",
            "merged/model.safetensors",
            "merged/tokenizer.json",
            "metrics.json");

    Path adapter = download(candidate, "adapter/", tmp.resolve("dl-adapter"));
    Path merged = download(candidate, "merged/", tmp.resolve("dl-merged"));
    long[][] ids = {{TinyLlamaCheckpoints.BOS, 40, 41, 42, 43, 44, 45, 46}};
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel mergedModel = LlamaModel.load(HfCheckpoint.open(merged), m);
        LlamaModel base = LlamaModel.load(HfCheckpoint.open(baseModel), m)) {
      float[] baseLogits = base.forward(LlamaModel.ids(m, ids), false).toFloatArray();
      PeftAdapter.load(adapter, base);
      NDArray withAdapter = base.forward(LlamaModel.ids(m, ids), false);
      NDArray fromMerged = mergedModel.forward(LlamaModel.ids(m, ids), false);
      assertThat(fromMerged.getShape().getShape()).containsExactly(1, ids[0].length, 320);
      assertThat(fromMerged.allClose(withAdapter, 1e-4, 1e-4, false)).isTrue();
      assertThat(maxAbsDiff(fromMerged.toFloatArray(), baseLogits)).isGreaterThan(1e-4);
    }
  }

  private Path download(ModelVersion version, String prefix, Path dir) throws Exception {
    Files.createDirectories(dir);
    for (VersionArtifact a : version.artifacts()) {
      if (a.name().startsWith(prefix)) {
        Path target = dir.resolve(a.name().substring(prefix.length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = artifacts.get(a.key())) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dir;
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("X-API-Key", KEY)
        .timeout(Duration.ofSeconds(120));
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        request("/api/v1/training-jobs")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Reads the SSE stream until the server completes it: "name:data" per event. */
  private List<String> sse(String path) throws Exception {
    String body =
        http.sendAsync(
                request(path).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .get(120, TimeUnit.SECONDS)
            .body();
    return Sse.parse(body).stream().map(e -> e.name() + ":" + e.data()).toList();
  }
}
