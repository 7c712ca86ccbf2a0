package io.llmtwin.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.cli.LlmTwinCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
