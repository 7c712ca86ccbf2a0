package io.llmtwin.training.job;

import static io.llmtwin.training.ApiClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmtwin.testsupport.WithTestInfrastructure;
import io.llmtwin.training.ApiClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A deployment with a base-models directory (the Kubernetes volume at {@code /models}) refuses
 * training jobs whose {@code baseModel} lies elsewhere or is not in it, and DPO datasets whose
 * preference-pair {@code baseModel} does, before anything is built or queued.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "llmtwin.security.api-keys=author-1:test-key-123")
@WithTestInfrastructure
class BaseModelDirectoryIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static Path models;

  @DynamicPropertySource
  static void baseModels(DynamicPropertyRegistry registry) throws Exception {
    models = Files.createTempDirectory("llmtwin-base-models");
    registry.add("llmtwin.training.base-models.directory", models::toString);
  }

  @AfterAll
  static void removeDirectory() throws Exception {
    try (var files = Files.walk(models)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A checkpoint in the directory (only its config.json: nothing reads it before the refusal). */
  static String checkpoint(String name) throws Exception {
    Path dir = Files.createDirectories(models.resolve(name));
    Files.writeString(dir.resolve("config.json"), "{}");
    return dir.toString();
  }

  @LocalServerPort int port;

  HttpResponse<String> submit(String baseModel) throws Exception {
    return new ApiClient(port)
        .post(
            "/api/v1/training-jobs",
            "test-key-123",
            JSON.writeValueAsString(
                JSON.createObjectNode().put("authorId", "author-1").put("baseModel", baseModel)));
  }

  @Test
  void aBaseModelOutsideTheDirectoryIsRefused() throws Exception {
    HttpResponse<String> r = submit("/home/someone/Llama-3.2-1B");
    assertProblem(r, 400, "base-model-refused");
    JsonNode problem = JSON.readTree(r.body());
    assertThat(problem.path("reason").asText()).isEqualTo("outside-directory");
    assertThat(problem.path("baseModelsDirectory").asText()).isEqualTo(models.toString());
    assertThat(problem.path("detail").asText()).contains("is not under the base-models directory");
  }

  @Test
  void aDpoDatasetWithABaseModelOutsideTheDirectoryIsRefusedAtOnce() throws Exception {
    // author-1 has no documents: without the early check the answer would be unknown-author
    HttpResponse<String> r =
        new ApiClient(port)
            .post(
                "/api/v1/datasets",
                "test-key-123",
                JSON.writeValueAsString(
                    JSON.createObjectNode()
                        .put("authorId", "author-1")
                        .put("preferencePairs", true)
                        .put("baseModel", "/home/someone/Llama-3.2-1B")));
    assertProblem(r, 400, "base-model-refused");
    assertThat(JSON.readTree(r.body()).path("reason").asText()).isEqualTo("outside-directory");
  }

  @Test
  void aJobWhoseDatasetBaseModelIsOutsideTheDirectoryIsRefused() throws Exception {
    var body =
        JSON.createObjectNode().put("authorId", "author-1").put("baseModel", checkpoint("base"));
    body.putObject("dataset")
        .put("preferencePairs", true)
        .put("baseModel", "/home/someone/Llama-3.2-1B");
    HttpResponse<String> r =
        new ApiClient(port)
            .post("/api/v1/training-jobs", "test-key-123", JSON.writeValueAsString(body));
    assertProblem(r, 400, "base-model-refused");
    JsonNode problem = JSON.readTree(r.body());
    assertThat(problem.path("reason").asText()).isEqualTo("outside-directory");
    assertThat(problem.path("baseModel").asText()).isEqualTo("/home/someone/Llama-3.2-1B");
  }

  @Test
  void theDirectoryItselfIsRefused() throws Exception {
    HttpResponse<String> r = submit(models.toString());
    assertProblem(r, 400, "base-model-refused");
    assertThat(JSON.readTree(r.body()).path("detail").asText())
        .contains("is the base-models directory itself");
  }

  @Test
  void aBaseModelMissingFromTheDirectoryIsRefused() throws Exception {
    HttpResponse<String> r = submit(models.resolve("Llama-3.2-1B").toString());
    assertProblem(r, 400, "base-model-refused");
    assertThat(JSON.readTree(r.body()).path("reason").asText()).isEqualTo("not-found");
  }
}
