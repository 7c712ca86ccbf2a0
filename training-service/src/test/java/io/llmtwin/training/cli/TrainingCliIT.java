package io.llmtwin.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.testsupport.QdrantEndpoint;
import io.llmtwin.testsupport.TestInfrastructure;
import io.llmtwin.training.FeatureStoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI entry point runs one job from a spec file without a web server. */
class TrainingCliIT {
  @TempDir Path dir;

  @Test
  void refusesToRunWithoutASpec() {
    assertThat(TrainingCli.run(new String[0])).isEqualTo(2);
    assertThat(TrainingCli.run(new String[] {"--spec=" + dir.resolve("missing.json")}))
        .isEqualTo(2);
  }

  @Test
  void buildsTheDatasetAndFailsClearlyWithoutABaseCheckpoint() throws Exception {
    try (FeatureStoreFixture store = new FeatureStoreFixture()) {
      store.corpus("cli-author");
    }
    Path spec =
        Files.writeString(
            dir.resolve("job.json"),
            "{\"authorId\":\"cli-author\",\"baseModel\":\"/models/tiny\",\"method\":\"lora\"}");
    QdrantEndpoint qdrant = TestInfrastructure.qdrant();
    int code =
        TrainingCli.run(
            new String[] {
              "--spec=" + spec,
              "--job-id=cli-job-1",
              "--spring.mongodb.uri=" + TestInfrastructure.mongo().uriWithDatabase("llmtwin_cli"),
              "--management.health.mongodb.enabled=false",
              "--llmtwin.qdrant.host=" + qdrant.host(),
              "--llmtwin.qdrant.port=" + qdrant.port(),
              "--llmtwin.training.jobs.work-dir=" + dir.resolve("work")
            });
    // /models/tiny is no checkpoint here: the llm-core fine-tuner fails with a readable reason,
    // exit 1
    assertThat(code).isEqualTo(1);
  }

  @Test
  void trainsATinyCheckpointFromASpecFile() throws Exception {
    try (FeatureStoreFixture store = new FeatureStoreFixture()) {
      store.corpus("cli-author-2");
    }
    Path base =
        TinyLlamaCheckpoints.write(dir.resolve("base"), TinyLlamaCheckpoints.tinyConfig(), 3).dir();
    Path spec =
        Files.writeString(
            dir.resolve("job.json"),
            ("{\"authorId\":\"cli-author-2\",\"baseModel\":\"%s\",\"method\":\"qlora\","
                    + "\"hyperparameters\":{\"maxSteps\":2,\"batchSize\":2,"
                    + "\"maxSequenceLength\":96}}")
                .formatted(base));
    QdrantEndpoint qdrant = TestInfrastructure.qdrant();
    int code =
        TrainingCli.run(
            new String[] {
              "--spec=" + spec,
              "--job-id=cli-job-2",
              "--spring.mongodb.uri=" + TestInfrastructure.mongo().uriWithDatabase("llmtwin_cli2"),
              "--management.health.mongodb.enabled=false",
              "--llmtwin.qdrant.host=" + qdrant.host(),
              "--llmtwin.qdrant.port=" + qdrant.port(),
              "--llmtwin.training.jobs.work-dir=" + dir.resolve("work")
            });
    assertThat(code).isEqualTo(0);
    assertThat(dir.resolve("work/cli-job-2/adapter/adapter_model.safetensors")).isRegularFile();
    assertThat(dir.resolve("work/cli-job-2/merged/model.safetensors")).isRegularFile();
  }
}
