package io.llmtwin.training.basemodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.support.problem.ApiProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

class BaseModelsTest {
  @TempDir Path dir;

  BaseModels in(Path directory) {
    return new BaseModels(new BaseModelProperties(directory));
  }

  Path checkpoint(Path at) throws Exception {
    Files.createDirectories(at);
    Files.writeString(at.resolve("config.json"), "{}");
    return at;
  }

  static void assertRefused(Runnable check, String reason, String detail) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            ApiProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.type()).isEqualTo("base-model-refused");
              assertThat(e.properties()).containsEntry("reason", reason);
              assertThat(e.detail()).contains(detail);
            });
  }

  @Test
  void withoutADirectoryAnyPathPassesUnchanged() {
    BaseModels anywhere = new BaseModels(BaseModelProperties.anywhere());
    assertThat(anywhere.directory()).isEmpty();
    assertThat(anywhere.check("/home/me/.llm-twin/models/tiny-base"))
        .isEqualTo("/home/me/.llm-twin/models/tiny-base");
    assertThat(anywhere.check("relative/model")).isEqualTo("relative/model");
  }

  @Test
  void acceptsACheckpointInTheDirectory() throws Exception {
    Path llama = checkpoint(dir.resolve("Llama-3.2-1B"));
    assertThat(in(dir).check(llama.toString())).isEqualTo(llama.toString());
    assertThat(in(dir).check(dir + "/./Llama-3.2-1B/")).isEqualTo(llama.toString());
  }

  @Test
  void refusesAPathOutsideTheDirectory() throws Exception {
    Path elsewhere = checkpoint(dir.resolve("elsewhere"));
    Path models = Files.createDirectories(dir.resolve("models"));
    assertRefused(
        () -> in(models).check(elsewhere.toString()),
        "outside-directory",
        "is not under the base-models directory " + models);
    assertRefused(
        () -> in(models).check(models + "/../elsewhere"), "outside-directory", "is not under");
    assertRefused(() -> in(models).check("Llama-3.2-1B"), "outside-directory", "is not under");
  }

  @Test
  void refusesAMissingOrIncompleteCheckpointWhenTheDirectoryIsVisible() throws Exception {
    assertRefused(
        () -> in(dir).check(dir.resolve("absent").toString()),
        "not-found",
        "does not exist in the base-models directory");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertRefused(() -> in(dir).check(empty.toString()), "not-a-checkpoint", "no config.json");
  }

  @Test
  void refusesALinkOutOfTheDirectory() throws Exception {
    Path outside = checkpoint(dir.resolve("outside"));
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.createSymbolicLink(models.resolve("sneaky"), outside);
    assertRefused(
        () -> in(models).check(models.resolve("sneaky").toString()),
        "outside-directory",
        "links outside");
  }

  @Test
  void refusesACheckpointWhoseFilesLinkOutOfTheDirectory() throws Exception {
    Path outside = checkpoint(dir.resolve("outside"));
    Files.writeString(outside.resolve("model.safetensors"), "weights");
    Path models = Files.createDirectories(dir.resolve("models"));
    Path mixed = checkpoint(models.resolve("mixed"));
    Files.createSymbolicLink(
        mixed.resolve("model.safetensors"), outside.resolve("model.safetensors"));
    assertRefused(
        () -> in(models).check(mixed.toString()),
        "outside-directory",
        "(its model.safetensors) links outside");
    Path shared = Files.createDirectories(models.resolve("blobs"));
    Files.writeString(shared.resolve("weights"), "weights");
    Path linkedInside = checkpoint(models.resolve("linked-inside"));
    Files.createSymbolicLink(linkedInside.resolve("model.safetensors"), shared.resolve("weights"));
    assertThat(in(models).check(linkedInside.toString())).isEqualTo(linkedInside.toString());
  }

  @Test
  void refusesTheDirectoryItself() throws Exception {
    checkpoint(dir);
    assertRefused(
        () -> in(dir).check(dir.toString()),
        "outside-directory",
        "is the base-models directory itself");
    assertRefused(() -> in(dir).check(dir + "/"), "outside-directory", "directory itself");
    BaseModels unmounted = in(Path.of("/nonexistent-llmtwin-models"));
    assertRefused(
        () -> unmounted.check("/nonexistent-llmtwin-models/x/.."),
        "outside-directory",
        "directory itself");
  }

  @Test
  void checksOnlyThePrefixWhenTheDirectoryIsNotMountedHere() {
    BaseModels models = in(Path.of("/nonexistent-llmtwin-models"));
    assertThat(models.check("/nonexistent-llmtwin-models/Llama-3.1-8B"))
        .isEqualTo("/nonexistent-llmtwin-models/Llama-3.1-8B");
    assertRefused(() -> models.check("/etc/passwd"), "outside-directory", "is not under");
  }

  @Test
  void aRelativeDirectoryStopsTheStart() {
    assertThatThrownBy(() -> new BaseModelProperties(Path.of("models")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("llmtwin.training.base-models.directory must be an absolute path");
  }
}
