package io.llmtwin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmtwin.cli.api.ApiClient;
import io.llmtwin.cli.api.Endpoints;
import io.llmtwin.cli.api.Service;
import io.llmtwin.cli.api.TwinApi;
import io.llmtwin.cli.command.DemoCommand;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code llm-twin demo --headless} from the built jars, as a user would, and checks each
 * stage's outcome through the services' APIs while the demo stack runs; then stops it like Ctrl-C
 * does and checks that every child process is gone and the data stayed.
 */
class DemoIT {
  private static final Path ROOT =
      Path.of(System.getProperty("llmtwin.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path CLI_JAR =
      Path.of(System.getProperty("llmtwin.cli.jar", "target/cli-0.1.0-SNAPSHOT-exec.jar"));

  private Process demo;

  @AfterEach
  void stopDemo() throws InterruptedException {
    if (demo != null && demo.isAlive()) {
      demo.destroy();
      if (!demo.waitFor(60, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void demoCrawlsTrainsPromotesServesAndWritesAPostWithSourcesThenStopsCleanly() throws Exception {
    Path work = Path.of("target", "demo-it").toAbsolutePath();
    deleteRecursively(work);
    Files.createDirectories(work);
    Path home = work.resolve(".llm-twin");
    Path output = work.resolve("demo.out");
    List<Integer> ports = freePorts(4);
    Endpoints urls =
        new Endpoints(
            URI.create("http://127.0.0.1:" + ports.get(0)),
            URI.create("http://127.0.0.1:" + ports.get(1)),
            URI.create("http://127.0.0.1:" + ports.get(2)),
            URI.create("http://127.0.0.1:" + ports.get(3)),
            null);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-jar",
            CLI_JAR.toAbsolutePath().toString(),
            "demo",
            "--headless",
            "--home",
            home.toString(),
            "--crawler-url",
            urls.crawler().toString(),
            "--feature-url",
            urls.feature().toString(),
            "--training-url",
            urls.training().toString(),
            "--inference-url",
            urls.inference().toString(),
            "--steps",
            "8",
            "--timeout",
            "PT4M"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("LLMTWIN_REPO", ROOT.toString());
    builder.environment().remove("LLMTWIN_BASE_MODEL");
    builder.environment().remove("LLMTWIN_SECURITY_API_KEYS");
    demo = builder.start();

    await("the demo prints that it is ready")
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              String out = read(output);
              if (!demo.isAlive()) {
                throw new AssertionError("the demo exited early:\n" + out);
              }
              return out.contains(DemoCommand.READY);
            });

    String out = read(output);
    JsonNode result = ApiClient.parse(Files.readString(home.resolve("demo-result.json")));
    String key = Files.readString(home.resolve("api-key")).trim().split(":", 2)[1];
    TwinApi api = new TwinApi(urls.withApiKey(key));

    // author created
    assertThat(result.path("authorCreated").asString()).isEqualTo("demo");
    assertThat(api.author("demo").path("name").asString()).isEqualTo("Mara Quill");
    // documents indexed in the feature store
    JsonNode corpus = api.corpus("demo");
    assertThat(corpus.path("total").asLong()).isPositive();
    assertThat(corpus.path("documents").path("article").asLong()).isPositive();
    // dataset version
    String dataset = result.path("datasetVersion").asString();
    assertThat(dataset).isNotBlank();
    // training job SUCCEEDED and registered
    JsonNode job = api.trainingJob(result.path("jobId").asString());
    assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
    int version = job.path("registeredVersion").asInt();
    assertThat(version).isPositive();
    // the version is accepted
    JsonNode accepted = api.version("twin-demo", "accepted");
    assertThat(accepted.path("number").asInt()).isEqualTo(version);
    // inference serves it
    JsonNode model = api.health(Service.INFERENCE).path("components").path("model").path("details");
    assertThat(model.path("version").asString().replaceAll("[^0-9]", ""))
        .isEqualTo(String.valueOf(version));
    // a post was generated, with sources from the demo author's documents
    assertThat(result.path("generatedText").asString()).isNotBlank();
    JsonNode sources = result.path("sources");
    assertThat(sources.isArray() && !sources.isEmpty()).as("sources in " + result).isTrue();
    for (JsonNode s : sources) {
      assertThat(s.path("link").asString())
          .as("source link")
          .matches("http://127\\.0\\.0\\.1:\\d+/blog/.*|file:.*|https://www\\.linkedin\\.com/.*");
    }
    assertThat(out).contains("Sources:").contains("Timings:").contains("/actuator/prometheus");

    // Ctrl-C (SIGTERM here) stops every child process and keeps the data
    List<Long> pids = new ArrayList<>();
    for (JsonNode p :
        ApiClient.parse(Files.readString(home.resolve("stack.json"))).path("processes")) {
      pids.add(p.path("pid").asLong());
    }
    assertThat(pids).hasSize(5);
    demo.destroy();
    assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops").isTrue();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("child " + pid + " stopped")
          .isFalse();
    }
    assertThat(read(output)).contains("Stopped the demo stack");
    assertThat(home.resolve("devstack")).isDirectory();
  }

  private static List<Integer> freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
