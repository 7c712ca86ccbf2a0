package io.llmtwin.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code import linkedin EXPORT.zip}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Imports exported content.",
    subcommands = {ImportCommand.LinkedIn.class})
public final class ImportCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Uploads a LinkedIn data-export ZIP (posts from Shares.csv, articles). */
  @Command(
      name = "linkedin",
      mixinStandardHelpOptions = true,
      description = "Uploads LinkedIn's data export ZIP: posts (Shares.csv) and articles.")
  static final class LinkedIn implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", description = "the export ZIP")
    Path zip;

    @Override
    public Integer call() throws IOException {
      JsonNode result =
          common.api().importLinkedIn(zip.getFileName().toString(), Files.readAllBytes(zip));
      common.console().line("imported " + Imports.describe(result));
      return 0;
    }
  }
}
