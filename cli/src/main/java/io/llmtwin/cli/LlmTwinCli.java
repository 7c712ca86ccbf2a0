package io.llmtwin.cli;

import io.llmtwin.cli.api.ApiException;
import io.llmtwin.cli.command.AuthorCommand;
import io.llmtwin.cli.command.CrawlCommand;
import io.llmtwin.cli.command.DatasetCommand;
import io.llmtwin.cli.command.DemoCommand;
import io.llmtwin.cli.command.DownCommand;
import io.llmtwin.cli.command.GenerateCommand;
import io.llmtwin.cli.command.ImportCommand;
import io.llmtwin.cli.command.ModelsCommand;
import io.llmtwin.cli.command.StatusCommand;
import io.llmtwin.cli.command.SyncCommand;
import io.llmtwin.cli.command.TrainCommand;
import io.llmtwin.cli.command.UpCommand;
import io.llmtwin.cli.stack.StageFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./llm-twin}: the command line of LLM Twin (see {@code docs/cli.md}). */
@Command(
    name = "llm-twin",
    mixinStandardHelpOptions = true,
    version = "llm-twin 0.1.0",
    description = "Builds and runs your LLM twin: crawl, feature store, fine-tuning, serving.",
    subcommands = {
      DemoCommand.class,
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      AuthorCommand.class,
      CrawlCommand.class,
      SyncCommand.class,
      ImportCommand.class,
      DatasetCommand.class,
      TrainCommand.class,
      ModelsCommand.class,
      GenerateCommand.class
    })
public final class LlmTwinCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    int status = commandLine().execute(args);
    System.exit(status);
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    return new CommandLine(new LlmTwinCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println(message(e));
              cmd.getErr().flush();
              return e instanceof IllegalArgumentException ? 2 : 1;
            });
  }

  static String message(Exception e) {
    if (e instanceof StageFailure f) {
      return "llm-twin: stage '"
          + f.stage()
          + "' failed: "
          + f.getMessage()
          + (f.log() == null ? "" : "\n  read the log: " + f.log());
    }
    if (e instanceof ApiException a) {
      return "llm-twin: " + a.getMessage();
    }
    return "llm-twin: " + (e.getMessage() == null ? e.toString() : e.getMessage());
  }
}
