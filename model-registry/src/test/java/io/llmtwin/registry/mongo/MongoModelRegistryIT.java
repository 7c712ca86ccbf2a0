package io.llmtwin.registry.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.registry.TestMongo;
import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.artifact.ArtifactCorruptedException;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.registry.artifact.FileSystemArtifactStore;
import io.llmtwin.registry.artifact.StoredArtifact;
import io.llmtwin.registry.model.ModelNotFoundException;
import io.llmtwin.registry.model.ModelOwnedByAnotherException;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.RegisteredModel;
import io.llmtwin.registry.model.RegistrationFailedException;
import io.llmtwin.registry.model.VersionNotFoundException;
import io.llmtwin.registry.model.VersionSpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoModelRegistryIT {

  private static TestMongo mongo;

  @TempDir Path temp;
  private ArtifactStore artifacts;
  private MongoModelRegistry registry;
  private MongoAliasRegistry aliases;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @BeforeEach
  void createRegistry() {
    MongoTemplate template = mongo.freshTemplate();
    artifacts = new FileSystemArtifactStore(temp.resolve("store"));
    registry = new MongoModelRegistry(template, artifacts, Clock.systemUTC());
    aliases = new MongoAliasRegistry(template, registry, Clock.systemUTC());
  }

  private static long countFiles(Path dir) throws java.io.IOException {
    try (var listing = Files.walk(dir)) {
      return listing.filter(Files::isRegularFile).count();
    }
  }

  private static VersionSpec spec() {
    return VersionSpec.builder("tiny-llama-134m", "ds-3f2a").createdBy("training-job-1").build();
  }

  @Test
  void recordsTheOwnerAndRefusesVersionsForAnotherOwner() throws Exception {
    Path file = Files.writeString(temp.resolve("adapter.bin"), "weights");
    VersionSpec jane = VersionSpec.builder("base", "ds-1").createdBy("job").owner("jane").build();
    registry.register("twin-jane", jane, Map.of("adapter.bin", file));
    assertThat(registry.findModel("twin-jane").orElseThrow().owner()).isEqualTo("jane");
    assertThat(registry.models()).extracting(RegisteredModel::owner).containsExactly("jane");

    long storedFiles = countFiles(temp.resolve("store"));
    VersionSpec joe = VersionSpec.builder("base", "ds-2").createdBy("job").owner("joe").build();
    assertThatThrownBy(() -> registry.register("twin-jane", joe, Map.of("adapter.bin", file)))
        .isInstanceOf(ModelOwnedByAnotherException.class)
        .hasMessageContaining("twin-jane")
        .hasMessageContaining("joe");
    assertThat(registry.versions("twin-jane")).hasSize(1);
    assertThat(countFiles(temp.resolve("store")))
        .as("the refused registration uploaded nothing")
        .isEqualTo(storedFiles);
    // the owner registers on; a registration naming no owner leaves ownership as it is
    registry.register("twin-jane", jane);
    registry.register("twin-jane", spec());
    assertThat(registry.versions("twin-jane")).hasSize(3);
    assertThat(registry.findModel("twin-jane").orElseThrow().owner()).isEqualTo("jane");
  }

  @Test
  void aModelWithoutAnOwnerHasNoneUntilARegistrationClaimsIt() {
    // as written before owners were recorded: no owner field on the model document
    registry.register("legacy", spec());
    assertThat(registry.findModel("legacy").orElseThrow().owner()).isNull();
    registry.register(
        "legacy", VersionSpec.builder("base", "ds-1").createdBy("job").owner("jane").build());
    assertThat(registry.findModel("legacy").orElseThrow().owner()).isEqualTo("jane");
    assertThatThrownBy(
            () ->
                registry.register(
                    "legacy",
                    VersionSpec.builder("base", "ds-1").createdBy("job").owner("joe").build()))
        .isInstanceOf(ModelOwnedByAnotherException.class);
    assertThatThrownBy(() -> VersionSpec.builder("b", "d").createdBy("x").owner(" ").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersVersionsConsecutivelyAndResolvesLatest() {
    ModelVersion v1 = registry.register("twin-jane", spec());
    ModelVersion v2 = registry.register("twin-jane", spec());
    registry.register("twin-joe", spec());

    assertThat(v1.name()).isEqualTo("v1");
    assertThat(v2.name()).isEqualTo("v2");
    assertThat(registry.version("twin-jane", "latest").number()).isEqualTo(2);
    assertThat(registry.version("twin-jane", "v1")).isEqualTo(v1);
    assertThat(registry.version("twin-jane", "2")).isEqualTo(v2);
    assertThat(registry.versions("twin-jane"))
        .extracting(ModelVersion::number)
        .containsExactly(1, 2);
    assertThat(registry.findModel("twin-jane").orElseThrow().lastVersion()).isEqualTo(2);
    assertThat(registry.models())
        .extracting(m -> m.name())
        .containsExactly("twin-jane", "twin-joe");
  }

  @Test
  void concurrentRegistrationsGetDistinctConsecutiveNumbers() throws Exception {
    int count = 40;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        tasks.add(() -> registry.register("twin-race", spec()).number());
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        numbers.add(f.get());
      }
      assertThat(numbers)
          .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, count).boxed().toList());
      assertThat(registry.versions("twin-race")).hasSize(count);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void recordsMetadataLineageAndArtifacts() throws Exception {
    ModelVersion parent = registry.register("twin-jane", spec());
    Path adapter = Files.write(temp.resolve("adapter.safetensors"), new byte[] {1, 2, 3, 4});
    Path gguf = Files.write(temp.resolve("model.gguf"), new byte[] {9, 8, 7});
    VersionSpec spec =
        VersionSpec.builder("tiny-llama-134m", "ds-3f2a")
            .parentVersion(parent.number())
            .hyperparameter("learning_rate", 2e-4)
            .hyperparameter("lora_rank", 8)
            .metric("train/loss", 1.25)
            .gitCommit("abc123")
            .description("LoRA r=8")
            .createdBy("jane")
            .build();

    ModelVersion v2 =
        registry.register(
            "twin-jane", spec, Map.of("adapter.safetensors", adapter, "gguf/q8_0.gguf", gguf));

    ModelVersion read = registry.version("twin-jane", "v2");
    assertThat(read).isEqualTo(v2);
    assertThat(read.lineage().baseModel()).isEqualTo("tiny-llama-134m");
    assertThat(read.lineage().datasetVersion()).isEqualTo("ds-3f2a");
    assertThat(read.lineage().parent()).contains(1);
    assertThat(read.hyperparameters())
        .containsEntry("learning_rate", "2.0E-4")
        .containsEntry("lora_rank", "8");
    assertThat(read.metrics()).containsEntry("train/loss", 1.25);
    assertThat(read.gitCommit()).isEqualTo("abc123");
    assertThat(read.createdBy()).isEqualTo("jane");
    assertThat(read.artifacts())
        .extracting(a -> a.name())
        .containsExactly("adapter.safetensors", "gguf/q8_0.gguf");
    assertThat(read.artifact("gguf/q8_0.gguf").orElseThrow().sizeBytes()).isEqualTo(3);
    try (InputStream in = registry.openArtifact("twin-jane", "latest", "adapter.safetensors")) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void detectsACorruptedVersionArtifact() throws Exception {
    Path gguf = Files.write(temp.resolve("model.gguf"), new byte[] {9, 8, 7});
    ModelVersion v1 = registry.register("twin-jane", spec(), Map.of("model.gguf", gguf));
    Path stored =
        Files.walk(temp.resolve("store/objects"))
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow();
    try (RandomAccessFile file = new RandomAccessFile(stored.toFile(), "rw")) {
      file.write(0);
    }

    assertThatThrownBy(
            () -> {
              try (InputStream in = registry.openArtifact("twin-jane", v1.name(), "model.gguf")) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(ArtifactCorruptedException.class);
  }

  @Test
  void aFailedUploadLeavesNoVersionAndBurnsNoNumber() {
    Path present = temp.resolve("present.bin");
    Path missing = temp.resolve("missing.bin");
    try {
      Files.write(present, new byte[] {1});
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    assertThatThrownBy(
            () ->
                registry.register("twin-jane", spec(), Map.of("a.bin", present, "b.bin", missing)))
        .isInstanceOf(RegistrationFailedException.class)
        .hasMessageContaining("twin-jane");

    assertThat(registry.versions("twin-jane")).isEmpty();
    assertThat(artifacts.list("models/")).isEmpty();
    assertThat(registry.register("twin-jane", spec()).number()).isEqualTo(1);
  }

  @Test
  void recordsEvaluationMetricsOnAnExistingVersion() {
    registry.register("twin-jane", VersionSpec.builder("b", "d").metric("train/loss", 2.0).build());

    ModelVersion updated =
        registry.recordMetrics("twin-jane", 1, Map.of("eval/loss", 1.5, "style_similarity", 0.8));

    assertThat(updated.metrics())
        .containsEntry("train/loss", 2.0)
        .containsEntry("eval/loss", 1.5)
        .containsEntry("style_similarity", 0.8);
    assertThat(registry.version("twin-jane", 1).metrics()).isEqualTo(updated.metrics());
    assertThatThrownBy(() -> registry.recordMetrics("twin-jane", 1, Map.of("bad.name", 1.0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void attachesAnArtifactOnceUnderEachName() throws Exception {
    registry.register("twin-jane", spec());

    var report =
        registry.attachArtifact(
            "twin-jane", 1, "eval/report.json", new ByteArrayInputStream("{}".getBytes()));

    assertThat(registry.version("twin-jane", 1).artifacts()).containsExactly(report);
    StoredArtifact stored = artifacts.stat(report.key()).orElseThrow();
    assertThat(stored.sha256()).isEqualTo(report.sha256());
    assertThatThrownBy(
            () ->
                registry.attachArtifact(
                    "twin-jane", 1, "eval/report.json", new ByteArrayInputStream("{!}".getBytes())))
        .isInstanceOf(RegistrationFailedException.class)
        .hasMessageContaining("already has");
    try (InputStream in = registry.openArtifact("twin-jane", "v1", "eval/report.json")) {
      assertThat(new String(in.readAllBytes())).isEqualTo("{}");
    }
    assertThat(artifacts.list("models/twin-jane/")).hasSize(1);
  }

  @Test
  void resolvesAnAliasAsAVersionReference() {
    registry.register("twin-jane", spec());
    registry.register("twin-jane", spec());
    aliases.move("twin-jane", AliasNames.ACCEPTED, 1, AliasMove.by("ci", "first"));

    assertThat(registry.version("twin-jane", "accepted").number()).isEqualTo(1);
    assertThatThrownBy(() -> registry.version("twin-jane", "candidate"))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessageContaining("candidate");
  }

  @Test
  void reportsUnknownModelsAndVersionsClearly() {
    assertThatThrownBy(() -> registry.version("nobody", "latest"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("nobody");
    registry.createModel("twin-empty", "no versions yet");
    assertThatThrownBy(() -> registry.version("twin-empty", "latest"))
        .isInstanceOf(VersionNotFoundException.class);
    assertThatThrownBy(() -> registry.version("twin-empty", "v7"))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessageContaining("v7");
    assertThat(registry.findModel("twin-empty").orElseThrow().description())
        .isEqualTo("no versions yet");
    assertThatThrownBy(() -> registry.register("../escape", spec()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                registry.register(
                    "twin-jane", VersionSpec.builder("b", "d").parentVersion(5).build()))
        .isInstanceOf(VersionNotFoundException.class);
  }
}
