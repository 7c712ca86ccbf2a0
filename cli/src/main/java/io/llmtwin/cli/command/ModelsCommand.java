package io.llmtwin.cli.command;

import io.llmtwin.cli.api.ApiException;
import io.llmtwin.cli.console.Console;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code models list|versions|evaluate|promote|rollback|history}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "The model registry: versions, evaluation, promotion, rollback.",
    subcommands = {
      ModelsCommand.ListModels.class,
      ModelsCommand.Versions.class,
      ModelsCommand.Evaluate.class,
      ModelsCommand.Promote.class,
      ModelsCommand.Rollback.class,
      ModelsCommand.History.class
    })
public final class ModelsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code models list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the models.")
  static final class ListModels implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      JsonNode models = common.api().models();
      if (models.isEmpty()) {
        common.console().line("no models yet (./llm-twin train)");
      }
      for (JsonNode m : models) {
        common
            .console()
            .line(
                String.format(
                    "%-24s latest v%-4s aliases %s",
                    m.path("name").asString(),
                    m.path("latestVersion").asString("?"),
                    m.path("aliases")));
      }
      return 0;
    }
  }

  /** {@code models versions MODEL}. */
  @Command(name = "versions", mixinStandardHelpOptions = true, description = "Lists versions.")
  static final class Versions implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", description = "model, e.g. twin-demo")
    String model;

    @Override
    public Integer call() {
      common.console().line(common.api().versions(model).toPrettyString());
      return 0;
    }
  }

  /** {@code models evaluate MODEL REF}. */
  @Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluates a version.")
  static final class Evaluate implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0")
    String model;

    @Parameters(index = "1", defaultValue = "candidate", description = "v3, 3, latest or an alias")
    String ref;

    @Override
    public Integer call() {
      common.console().line(common.api().evaluate(model, ref).toPrettyString());
      return 0;
    }
  }

  /** {@code models promote MODEL REF --reason R [--alias accepted] [--force]}. */
  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description =
          "Moves an alias (default accepted, which inference serves) to a version; the promotion"
              + " gate may refuse (409 promotion-refused) unless --force.")
  static final class Promote implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0")
    String model;

    @Parameters(index = "1", defaultValue = "candidate", description = "v3, 3, latest or an alias")
    String ref;

    @Option(names = "--alias", defaultValue = "accepted")
    String alias;

    @Option(names = "--reason", required = true)
    String reason;

    @Option(names = "--force", description = "override a refusing promotion gate")
    boolean force;

    @Override
    public Integer call() {
      try {
        JsonNode event = common.api().moveAlias(model, ref, alias, reason, force);
        common.console().line(describe(event));
        return 0;
      } catch (ApiException e) {
        if ("promotion-refused".equals(e.slug())) {
          common
              .console()
              .line(
                  "refused by the promotion gate: "
                      + e.problem().path("failedMetrics")
                      + " (use --force to override)");
          return 1;
        }
        throw e;
      }
    }
  }

  /** {@code models rollback MODEL --reason R [--alias accepted]}. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Moves the alias back to its previous version.")
  static final class Rollback implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0")
    String model;

    @Option(names = "--alias", defaultValue = "accepted")
    String alias;

    @Option(names = "--reason", required = true)
    String reason;

    @Override
    public Integer call() {
      common.console().line(describe(common.api().rollback(model, alias, reason)));
      return 0;
    }
  }

  /** {@code models history MODEL [--alias accepted]}. */
  @Command(name = "history", mixinStandardHelpOptions = true, description = "Alias moves.")
  static final class History implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0")
    String model;

    @Option(names = "--alias", defaultValue = "accepted")
    String alias;

    @Override
    public Integer call() {
      Console console = common.console();
      for (JsonNode e : common.api().aliasHistory(model, alias)) {
        console.line(describe(e));
      }
      return 0;
    }
  }

  /** {@code twin-demo: accepted v1 -> v2 by demo (reason, forced)}. */
  static String describe(JsonNode event) {
    return event.path("model").asString("")
        + ": "
        + event.path("alias").asString("")
        + " "
        + (event.hasNonNull("from") ? "v" + event.path("from").asString() : "(none)")
        + " -> "
        + (event.hasNonNull("to") ? "v" + event.path("to").asString() : "(none)")
        + " by "
        + event.path("actor").asString("?")
        + " ("
        + event.path("reason").asString("")
        + (event.path("forced").asBoolean(false) ? ", forced" : "")
        + ")";
  }
}
