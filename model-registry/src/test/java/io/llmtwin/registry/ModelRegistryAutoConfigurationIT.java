package io.llmtwin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.registry.artifact.FileSystemArtifactStore;
import io.llmtwin.registry.artifact.GridFsArtifactStore;
import io.llmtwin.registry.artifact.S3ArtifactStore;
import io.llmtwin.registry.mirror.MirroredAliasRegistry;
import io.llmtwin.registry.mirror.MirroredModelRegistry;
import io.llmtwin.registry.mirror.RegistryMirror;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.VersionSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ModelRegistryAutoConfigurationIT {

  private static TestMongo mongo;

  @TempDir Path temp;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MongoAutoConfiguration.class,
                DataMongoAutoConfiguration.class,
                ModelRegistryAutoConfiguration.class))
        .withPropertyValues("spring.mongodb.uri=" + mongo.uri("autoconfig" + System.nanoTime()));
  }

  @Test
  void wiresAWorkingRegistryOnGridFsByDefault() {
    runner()
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(ModelRegistry.class)
                  .hasSingleBean(AliasRegistry.class);
              assertThat(context.getBean(ArtifactStore.class))
                  .isInstanceOf(GridFsArtifactStore.class);
              Path adapter = Files.writeString(temp.resolve("adapter.bin"), "weights");
              ModelRegistry registry = context.getBean(ModelRegistry.class);
              registry.register(
                  "twin-jane",
                  VersionSpec.builder("base", "ds").createdBy("trainer").build(),
                  Map.of("adapter.bin", adapter));
              context
                  .getBean(AliasRegistry.class)
                  .move("twin-jane", AliasNames.CANDIDATE, 1, AliasMove.by("trainer", "new run"));
              try (InputStream in =
                  registry.openArtifact("twin-jane", "candidate", "adapter.bin")) {
                assertThat(new String(in.readAllBytes())).isEqualTo("weights");
              }
            });
  }

  @Test
  void mirrorsEveryRegistrationAndAliasMoveWhenAMirrorBeanExists() {
    List<String> mirrored = new CopyOnWriteArrayList<>();
    RegistryMirror mirror =
        new RegistryMirror() {
          @Override
          public void versionRegistered(ModelVersion version) {
            mirrored.add(version.model() + " " + version.name());
          }

          @Override
          public void aliasMoved(AliasMoved event) {
            mirrored.add(event.alias() + " -> v" + event.toVersion());
          }
        };
    runner()
        .withBean(RegistryMirror.class, () -> mirror)
        .run(
            context -> {
              assertThat(context.getBean(ModelRegistry.class))
                  .isInstanceOf(MirroredModelRegistry.class);
              assertThat(context.getBean(AliasRegistry.class))
                  .isInstanceOf(MirroredAliasRegistry.class);
              context
                  .getBean(ModelRegistry.class)
                  .register("twin-m", VersionSpec.builder("base", "ds").createdBy("t").build());
              context
                  .getBean(AliasRegistry.class)
                  .move("twin-m", AliasNames.ACCEPTED, 1, AliasMove.by("t", "first"));
              assertThat(mirrored).containsExactly("twin-m v1", "accepted -> v1");
            });
    runner()
        .run(
            context ->
                assertThat(context.getBean(ModelRegistry.class))
                    .isNotInstanceOf(MirroredModelRegistry.class));
  }

  @Test
  void usesTheFileSystemStoreWhenConfigured() {
    runner()
        .withPropertyValues(
            "llmtwin.registry.artifact-store=filesystem",
            "llmtwin.registry.filesystem.root=" + temp.resolve("artifacts"))
        .run(
            context -> {
              assertThat(context.getBean(ArtifactStore.class))
                  .isInstanceOf(FileSystemArtifactStore.class);
              assertThat(temp.resolve("artifacts/refs")).isDirectory();
              assertThat(context)
                  .doesNotHaveBean(software.amazon.awssdk.services.s3.S3Client.class);
            });
  }

  @Test
  void usesTheS3StoreWhenConfigured() {
    runner()
        .withPropertyValues(
            "llmtwin.registry.artifact-store=s3",
            "llmtwin.registry.s3.bucket=models",
            "llmtwin.registry.s3.endpoint=http://127.0.0.1:9",
            "llmtwin.registry.s3.path-style-access=true")
        .run(
            context -> {
              assertThat(context.getBean(ArtifactStore.class)).isInstanceOf(S3ArtifactStore.class);
              assertThat(context).hasSingleBean(software.amazon.awssdk.services.s3.S3Client.class);
            });
  }

  @Test
  void refusesToStartWithS3ButNoBucket() {
    runner()
        .withPropertyValues("llmtwin.registry.artifact-store=s3")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("llmtwin.registry.s3.bucket is required"));
  }

  @Test
  void staysOutOfTheWayWithoutMongo() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ModelRegistryAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(ModelRegistry.class));
  }
}
