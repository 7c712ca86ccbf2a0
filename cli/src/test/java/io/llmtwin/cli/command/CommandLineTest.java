package io.llmtwin.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.llmtwin.cli.LlmTwinCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

  @Test
  void helpListsEveryCommandOfTheIssue() {
    StringWriter out = new StringWriter();
    CommandLine cli = LlmTwinCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "demo",
            "up",
            "down",
            "status",
            "author",
            "crawl",
            "sync",
            "import",
            "dataset",
            "train",
            "models",
            "generate");
    assertThat(cli.getSubcommands().get("models").getSubcommands())
        .containsKeys("list", "promote", "rollback");
  }

  @Test
  void unreachableServiceIsAClearErrorNotAStackTrace(@TempDir Path home) {
    StringWriter err = new StringWriter();
    CommandLine cli = LlmTwinCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int status =
        cli.execute(
            "models", "list", "--home", home.toString(), "--training-url", "http://127.0.0.1:1");
    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("llm-twin: http://127.0.0.1:1/api/v1/models is not reachable");
  }

  @Test
  void keyFileKeepsTheKeyOfTheSameAuthorAndIsPrivate(@TempDir Path home) throws Exception {
    KeyFile first = KeyFile.forAuthor(home, "demo");
    assertThat(first.key()).startsWith("lt_").hasSizeGreaterThan(40);
    assertThat(KeyFile.forAuthor(home, "demo")).isEqualTo(first);
    assertThat(KeyFile.read(home)).contains(first);
    assertThat(Files.getPosixFilePermissions(home.resolve("api-key")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(KeyFile.forAuthor(home, "other").key()).isNotEqualTo(first.key());
  }

  @Test
  void trainSendsTheBaseModelAsGivenNotResolvedOnThisMachine(@TempDir Path home) throws Exception {
    AtomicReference<String> body = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/training-jobs",
        exchange -> {
          body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] reply = "{\"id\":\"job-1\",\"state\":\"QUEUED\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(202, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
    try {
      int status =
          LlmTwinCli.commandLine()
              .execute(
                  "train",
                  "--home",
                  home.toString(),
                  "--training-url",
                  "http://127.0.0.1:" + server.getAddress().getPort(),
                  "--api-key",
                  "test-key",
                  "--author-id",
                  "author-1",
                  "--headless",
                  "--no-follow",
                  "--base-model",
                  "models/Llama-3.2-1B");
      assertThat(status).isZero();
    } finally {
      server.stop(0);
    }
    assertThat(body.get()).contains("\"baseModel\":\"models/Llama-3.2-1B\"");
  }
}
