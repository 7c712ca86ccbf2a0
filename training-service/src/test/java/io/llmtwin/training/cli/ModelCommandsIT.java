package io.llmtwin.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.artifact.FileSystemArtifactStore;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.VersionSpec;
import io.llmtwin.registry.mongo.MongoAliasRegistry;
import io.llmtwin.registry.mongo.MongoModelRegistry;
import io.llmtwin.testsupport.QdrantEndpoint;
import io.llmtwin.testsupport.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The CLI's {@code evaluate}, {@code promote} and {@code rollback} against a registry whose
 * versions carry stored evaluations (so the gate reuses them): exit 0 when the gate passes, 3 when
 * it refuses, 1 when a rollback has nowhere to go, 2 for bad arguments.
 */
class ModelCommandsIT {
  static final String DATASET = "ds-00000000000000a1";
  @TempDir Path dir;
  MongoClient client;
  ModelRegistry registry;
  AliasRegistry aliases;
  String database;
  final String model = "twin-cli-" + UUID.randomUUID().toString().substring(0, 8);
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void registry() {
    database = "llmtwin_models_cli";
    client = MongoClients.create(TestInfrastructure.mongo().uri());
    MongoTemplate mongo = new MongoTemplate(client, database);
    registry =
        new MongoModelRegistry(
            mongo, new FileSystemArtifactStore(dir.resolve("artifacts")), Clock.systemUTC());
    aliases = new MongoAliasRegistry(mongo, registry, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void promotesThroughTheGateRefusesWithExitCodeThreeAndRollsBack() {
    register(2.0, 0.50);
    register(2.6, 0.55);

    assertThat(cli("promote", "--version=v1", "--reason=first")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("ASSIGNED - -> v1", "promotion gate passed");

    assertThat(cli("promote", "--version=v2")).isEqualTo(3);
    assertThat(err.toString()).contains("promotion refused", "failed metrics: eval/loss");
    assertThat(aliases.target(model, "accepted").orElseThrow().version()).isEqualTo(1);

    assertThat(cli("rollback", "--reason=nothing before v1")).isEqualTo(1);
    assertThat(cli("promote", "--version=v2", "--force")).isEqualTo(2);
    assertThat(cli("promote", "--version=v2", "--force", "--reason=ci override")).isZero();
    assertThat(cli("rollback", "--reason=undo")).isZero();
    assertThat(aliases.target(model, "accepted").orElseThrow().version()).isEqualTo(1);

    List<AliasMoved> history = aliases.history(model, "accepted");
    assertThat(history).extracting(AliasMoved::toVersion).containsExactly(1, 2, 1);
    assertThat(history).extracting(AliasMoved::forced).containsExactly(false, true, false);
    assertThat(history.get(1).actor()).isEqualTo("ci-bot");

    assertThat(cli("evaluate", "--version=v1")).isZero();
    assertThat(out.toString()).contains("\"eval/loss\" : 2.0", "\"reused\" : true");
  }

  @Test
  void refusesIncompleteArguments() {
    assertThat(TrainingCli.run(new String[] {"promote", "--model=" + model})).isEqualTo(2);
    assertThat(TrainingCli.run(new String[] {"evaluate"})).isEqualTo(2);
  }

  private void register(double loss, double style) {
    registry.register(
        model,
        VersionSpec.builder("/models/base", DATASET)
            .metrics(
                Map.of(
                    "eval/loss",
                    loss,
                    "eval/base_loss",
                    3.0,
                    "eval/style_similarity",
                    style,
                    "eval/base_style_similarity",
                    0.4))
            .createdBy("test")
            .build());
  }

  private int cli(String command, String... options) {
    out.reset();
    err.reset();
    QdrantEndpoint qdrant = TestInfrastructure.qdrant();
    List<String> args = new ArrayList<>(List.of(command, "--model=" + model, "--actor=ci-bot"));
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "--spring.mongodb.uri=" + TestInfrastructure.mongo().uriWithDatabase(database),
            "--management.health.mongodb.enabled=false",
            "--llmtwin.registry.artifact-store=filesystem",
            "--llmtwin.registry.filesystem.root=" + dir.resolve("artifacts"),
            "--llmtwin.qdrant.host=" + qdrant.host(),
            "--llmtwin.qdrant.port=" + qdrant.port(),
            "--llmtwin.retrieval.enabled=false"));
    return ModelCommands.run(
        args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
