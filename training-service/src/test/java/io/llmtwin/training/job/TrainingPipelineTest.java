package io.llmtwin.training.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.training.basemodel.BaseModelProperties;
import io.llmtwin.training.basemodel.BaseModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline checks the base model where it reads it: a job queued again after a restart or a
 * spec given to {@code TrainingCli --spec} never passed the REST check.
 */
class TrainingPipelineTest {
  @TempDir Path dir;

  final AtomicInteger fineTunes = new AtomicInteger();

  /**
   * A pipeline whose fine-tuner counts its calls; dataset store, tracker and registries are absent
   * because a refused base model must stop the job before any of them is used.
   */
  TrainingPipeline pipeline(Path models) {
    FineTuner tuner =
        (request, listener, cancelled) -> {
          fineTunes.incrementAndGet();
          throw new FineTuningException("not expected");
        };
    return new TrainingPipeline(
        null,
        tuner,
        null,
        null,
        null,
        new BaseModels(new BaseModelProperties(models)),
        dir.resolve("work"),
        null);
  }

  static TrainingJobSpec spec(String baseModel) {
    return new TrainingJobSpec(
        "author-1", "ds-0123456789abcdef", null, baseModel, null, null, null);
  }

  void assertRefused(Path models, String baseModel, String reason) {
    assertThatThrownBy(
            () -> pipeline(models).run("job-1", spec(baseModel), null, p -> {}, () -> false))
        .isInstanceOfSatisfying(
            ApiProblemException.class,
            e -> {
              assertThat(e.type()).isEqualTo("base-model-refused");
              assertThat(e.properties()).containsEntry("reason", reason);
            });
    assertThat(fineTunes).hasValue(0);
    assertThat(dir.resolve("work")).doesNotExist();
  }

  @Test
  void refusesABaseModelOutsideTheDirectoryBeforeAnythingRuns() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    assertRefused(models, "/home/someone/Llama-3.2-1B", "outside-directory");
    assertRefused(models, models.toString(), "outside-directory");
  }

  @Test
  void refusesABaseModelMissingFromTheMountedDirectory() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    assertRefused(models, models.resolve("Llama-3.2-1B").toString(), "not-found");
  }
}
