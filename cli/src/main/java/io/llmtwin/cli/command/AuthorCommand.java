package io.llmtwin.cli.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code author add|show}. */
@Command(
    name = "author",
    mixinStandardHelpOptions = true,
    description = "Create or show the author the API key acts for.",
    subcommands = {AuthorCommand.Add.class, AuthorCommand.Show.class})
public final class AuthorCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code author add NAME --profile MEDIUM=https://medium.com/@me ...}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Creates (or replaces) the key's author with profile links.")
  static final class Add implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", description = "display name")
    String name;

    @Option(
        names = {"-p", "--profile"},
        description = "PLATFORM=url (MEDIUM, SUBSTACK, GITHUB, LINKEDIN, WEB); repeatable")
    Map<String, String> profiles = new LinkedHashMap<>();

    @Override
    public Integer call() {
      Map<String, String> upper = new LinkedHashMap<>();
      profiles.forEach((k, v) -> upper.put(k.toUpperCase(Locale.ROOT), v));
      JsonNode author = common.api().createAuthor(name, upper);
      common.console().line("author " + author.path("id").asString() + " (" + name + ") created");
      return 0;
    }
  }

  /** {@code author show}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows the author.")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      common.console().line(common.api().author(common.authorId()).toPrettyString());
      return 0;
    }
  }
}
