package io.llmtwin.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged devstack jar as a real process and talks to it with the official clients. */
class DevStackIT {

  private Process process;
  private Path processLog;

  @BeforeEach
  void createLog(@TempDir Path logDir) {
    processLog = logDir.resolve("devstack.log");
  }

  @AfterEach
  void stopProcess() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void packagedJarStartsTheStandInsAndStopsOnSignal(@TempDir Path dataDir) throws Exception {
    int mongoPort = freePort();
    int amqpPort = freePort();
    int qdrantPort = freePort();

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", packagedJar().toString()));
    command.addAll(List.of("--mongo-port", Integer.toString(mongoPort)));
    command.addAll(List.of("--amqp-port", Integer.toString(amqpPort)));
    command.addAll(List.of("--qdrant-port", Integer.toString(qdrantPort)));
    command.addAll(List.of("--data-dir", dataDir.toString()));
    process = launch(command);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !process.isAlive()
                    || output().stream().anyMatch(line -> line.startsWith(DevStack.READY)));
    assertThat(process.isAlive()).as("devstack exited early: %s", output()).isTrue();
    Map<String, String> printed = printed();

    assertThat(printed.get("MONGODB_URI")).isEqualTo("mongodb://127.0.0.1:" + mongoPort);
    assertThat(printed.get("AMQP_URI")).isEqualTo("amqp://guest:guest@127.0.0.1:" + amqpPort);

    try (MongoClient mongo = MongoClients.create(printed.get("MONGODB_URI"))) {
      mongo.getDatabase("twin").getCollection("articles").insertOne(new Document("_id", "a1"));
      assertThat(mongo.getDatabase("twin").getCollection("articles").countDocuments()).isEqualTo(1);
    }

    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(printed.get("AMQP_URI"));
    try (Connection connection = factory.newConnection();
        Channel channel = connection.createChannel()) {
      channel.queueDeclare("devstack-it", false, false, true, null);
      channel.confirmSelect();
      channel.basicPublish("", "devstack-it", null, "hello".getBytes(StandardCharsets.UTF_8));
      assertThat(channel.waitForConfirms(5_000)).isTrue();
      GetResponse response =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> channel.basicGet("devstack-it", false), r -> r != null);
      assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
      channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
    }

    assertThat(printed.get("QDRANT_GRPC")).isEqualTo("127.0.0.1:" + qdrantPort);
    try (QdrantClient qdrant =
        new QdrantClient(
            QdrantGrpcClient.newBuilder("127.0.0.1", qdrantPort, false, false).build())) {
      assertThat(qdrant.collectionExistsAsync("devstack_it").get(10, TimeUnit.SECONDS)).isFalse();
    }

    process.destroy(); // SIGTERM, like Ctrl-C: the shutdown hook stops the stand-ins
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(output()).contains("devstack stopped"));
    assertThat(dataDir.resolve("mongodb").resolve("llmtwin.mv.db")).exists();
  }

  @Test
  void helpPrintsUsageAndExits() throws Exception {
    process =
        launch(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                packagedJar().toString(),
                "--help"));
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> output().stream().anyMatch(line -> line.contains("--no-qdrant")));
  }

  /**
   * The child writes to a file rather than a pipe: the JDK may close a pipe's stream when the
   * process exits, losing the last lines (the shutdown hook's) to a reading thread.
   */
  private Process launch(List<String> command) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(processLog.toFile())
        .start();
  }

  /** The child's output so far, one entry a line. */
  private List<String> output() throws IOException {
    return Files.readAllLines(processLog, StandardCharsets.UTF_8);
  }

  /** The {@code KEY=value} lines the child printed. */
  private Map<String, String> printed() throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String line : output()) {
      if (line.matches("^[A-Z_]+=.*")) {
        int equals = line.indexOf('=');
        values.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return values;
  }

  private static Path packagedJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      Optional<Path> jar =
          files
              .filter(p -> p.getFileName().toString().matches("devstack-.*\\.jar"))
              .filter(p -> !p.getFileName().toString().contains("sources"))
              .findFirst();
      return jar.orElseThrow(
          () -> new IllegalStateException("run `./mvnw verify`: target/devstack-*.jar is missing"));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
