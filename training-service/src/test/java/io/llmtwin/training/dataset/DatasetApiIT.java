package io.llmtwin.training.dataset;

import static io.llmtwin.training.ApiClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.testsupport.WithTestInfrastructure;
import io.llmtwin.training.ApiClient;
import io.llmtwin.training.FeatureStoreFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/v1/corpus/{authorId}} and {@code POST/GET /api/v1/datasets} through REST against
 * the stand-in feature store: counts, building a dataset without training (same input → same
 * version), DPO pairs whose rejected side the tiny base checkpoint generated, and bad input.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=corpus-author:corpus-key,nobody-yet:nobody-key,"
          + "tiny-corpus:tiny-key",
      "llmtwin.training.preferences.max-new-tokens=12"
    })
@WithTestInfrastructure
class DatasetApiIT {
  static final String AUTHOR = "corpus-author";
  static final String KEY = "corpus-key";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path baseModel;

  @LocalServerPort int port;
  @Autowired ArtifactStore artifacts;
  @Autowired TextCompletion completion;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @BeforeAll
  static void corpus() {
    try (FeatureStoreFixture store = new FeatureStoreFixture()) {
      store.corpus(AUTHOR);
      // a deleted document is neither counted nor in datasets (this checks that it is gone; the
      // tombstone the delete also writes is tested in QdrantFeatureStoreIT and DocumentIndexerTest)
      store.put(AUTHOR, DocumentType.ARTICLE, AUTHOR + "-gone", "medium", "gone", "Deleted text.");
      store.delete(DocumentType.ARTICLE, AUTHOR + "-gone");
      store.neighbour("corpus-neighbour");
      store.put("tiny-corpus", DocumentType.POST, "tiny-corpus-1", "linkedin", null, "Hi!");
    }
    baseModel =
        TinyLlamaCheckpoints.write(tmp.resolve("base"), TinyLlamaCheckpoints.tinyConfig(), 4).dir();
  }

  @Test
  void corpusCountsTheAuthorsCleanedDocumentsPerType() throws Exception {
    HttpResponse<String> r = get("/api/v1/corpus/" + AUTHOR, KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("authorId").asText()).isEqualTo(AUTHOR);
    assertThat(body.path("documents").path("article").asLong()).isEqualTo(3);
    assertThat(body.path("documents").path("post").asLong()).isEqualTo(4);
    assertThat(body.path("documents").path("repository").asLong()).isZero();
    assertThat(body.path("total").asLong()).isEqualTo(7);

    JsonNode none = JSON.readTree(get("/api/v1/corpus/nobody-yet", "nobody-key").body());
    assertThat(none.path("total").asLong()).isZero();
    assertThat(none.path("documents").path("article").asLong()).isZero();
  }

  @Test
  void corpusOfAnotherAuthorIsForbidden() throws Exception {
    assertProblem(get("/api/v1/corpus/" + AUTHOR, "nobody-key"), 403, "forbidden");
  }

  @Test
  void buildsADatasetVersionWithoutTrainingAndDescribesIt() throws Exception {
    String body =
        """
        {"authorId":"%s","types":["article","post"],"testShare":0.25,"ragShare":0.5,"seed":5}
        """
            .formatted(AUTHOR);
    HttpResponse<String> created = post(body, KEY);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode version = JSON.readTree(created.body());
    String id = version.path("version").asText();
    assertThat(id).matches("ds-[0-9a-f]{16}");
    assertThat(created.headers().firstValue("Location")).contains("/api/v1/datasets/" + id);
    assertThat(version.path("authorId").asText()).isEqualTo(AUTHOR);
    JsonNode stats = version.path("statistics");
    assertThat(stats.path("generator").asText()).isEqualTo("offline");
    assertThat(stats.path("documents").path("article").asInt()).isEqualTo(3);
    int extracts = stats.path("extracts").asInt();
    assertThat(stats.path("ragSamples").asInt()).isEqualTo(Math.round(0.5 * extracts));

    List<JsonNode> rows = FeatureStoreFixture.jsonl(artifacts, "datasets/" + id + "/train.jsonl");
    rows.addAll(FeatureStoreFixture.jsonl(artifacts, "datasets/" + id + "/test.jsonl"));
    assertThat(rows).hasSize(extracts);
    assertThat(FeatureStoreFixture.assertContextFromTheAuthorsOtherDocuments(rows))
        .isEqualTo(stats.path("ragSamples").asInt());

    JsonNode described = JSON.readTree(get("/api/v1/datasets/" + id, KEY).body());
    assertThat(described.path("version").asText()).isEqualTo(id);
    assertThat(described.path("statistics")).isEqualTo(stats);
    assertThat(described.path("config").path("ragShare").asDouble()).isEqualTo(0.5);

    JsonNode again = JSON.readTree(post(body, KEY).body());
    assertThat(again.path("version").asText()).as("content-addressed").isEqualTo(id);
    assertProblem(get("/api/v1/datasets/" + id, "nobody-key"), 404, "not-found");
  }

  @Test
  void preferencePairsTakeTheRejectedAnswerFromTheBaseCheckpoint() throws Exception {
    HttpResponse<String> created =
        post(
            """
            {"authorId":"%s","types":["post"],"testShare":0.0,"ragShare":0.0,
             "preferencePairs":true,"baseModel":"%s"}
            """
                .formatted(AUTHOR, baseModel),
            KEY);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode version = JSON.readTree(created.body());
    String id = version.path("version").asText();
    assertThat(version.path("statistics").path("preferencePairs").asInt()).isEqualTo(4);
    assertThat(version.path("artifacts").has("preferences.jsonl")).isTrue();

    List<JsonNode> train = FeatureStoreFixture.jsonl(artifacts, "datasets/" + id + "/train.jsonl");
    List<JsonNode> pairs =
        FeatureStoreFixture.jsonl(artifacts, "datasets/" + id + "/preferences.jsonl");
    assertThat(pairs).hasSize(train.size());
    try (TextCompletion.Session base = completion.open(baseModel.toString())) {
      for (int i = 0; i < pairs.size(); i++) {
        JsonNode pair = pairs.get(i);
        assertThat(pair.path("prompt").asText()).isEqualTo(train.get(i).path("prompt").asText());
        assertThat(pair.path("chosen").asText())
            .as("chosen is the author's text")
            .isEqualTo(train.get(i).path("output").asText())
            .startsWith("Shipping update number");
        assertThat(pair.path("rejected").asText())
            .as("rejected is the base checkpoint's generation")
            .isEqualTo(base.complete(pair.path("prompt").asText()))
            .isNotEqualTo(pair.path("chosen").asText());
      }
    }
  }

  @Test
  void badInputIsAProblem() throws Exception {
    assertProblem(post("{\"authorId\":\"nobody-yet\"}", "nobody-key"), 400, "unknown-author");
    assertProblem(post("{\"authorId\":\"tiny-corpus\"}", "tiny-key"), 400, "empty-corpus");
    assertProblem(
        post("{\"authorId\":\"" + AUTHOR + "\",\"testShare\":1.5}", KEY), 400, "invalid-request");
    assertProblem(
        post("{\"authorId\":\"" + AUTHOR + "\",\"types\":[\"poem\"]}", KEY),
        400,
        "invalid-request");
    assertProblem(
        post("{\"authorId\":\"" + AUTHOR + "\",\"preferencePairs\":true}", KEY),
        400,
        "invalid-request");
    assertProblem(
        post(
            "{\"authorId\":\"" + AUTHOR + "\",\"preferencePairs\":true,\"baseModel\":\"/nope\"}",
            KEY),
        400,
        "invalid-request");
    assertProblem(post("{\"testShare\":0.1}", KEY), 400, "invalid-request");
    assertProblem(post("{\"authorId\":", KEY), 400, "malformed-request");
    assertProblem(post("{\"authorId\":\"" + AUTHOR + "\"}", "nobody-key"), 403, "forbidden");
    assertProblem(get("/api/v1/datasets/ds-0000000000000000", KEY), 404, "not-found");
    assertProblem(get("/api/v1/datasets/not-a-version", KEY), 404, "not-found");
  }

  private HttpResponse<String> post(String body, String key) throws Exception {
    return api.post("/api/v1/datasets", key, body);
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    return api.get(path, key);
  }
}
