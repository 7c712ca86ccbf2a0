package io.llmtwin.training.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.training.TrainingApplication;
import io.llmtwin.training.evaluation.EvaluationReport;
import io.llmtwin.training.evaluation.ModelEvaluator;
import io.llmtwin.training.models.ModelPromotions;
import io.llmtwin.training.models.PromotionRefusedException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The CLI's model subcommands, for CI:
 *
 * <ul>
 *   <li>{@code evaluate --model=M --version=REF [--dataset=D] [--rerun]}: prints the evaluation
 *       report (JSON);
 *   <li>{@code promote --model=M --version=REF [--alias=accepted] [--reason=…] [--force]
 *       [--actor=…]}: moves the alias through the promotion gate;
 *   <li>{@code rollback --model=M [--alias=accepted] [--reason=…] [--actor=…]}: moves the alias
 *       back to its previous holder.
 * </ul>
 *
 * Exit codes: 0 done, 1 failed, 2 bad arguments, 3 the promotion gate refused.
 */
final class ModelCommands {
  static final Set<String> NAMES = Set.of("evaluate", "promote", "rollback");
  static final int REFUSED = 3;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelCommands() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args[0];
    String model = option(args, "--model=");
    String version = option(args, "--version=");
    String alias = option(args, "--alias=", AliasNames.ACCEPTED);
    String actor = option(args, "--actor=", System.getenv().getOrDefault("GITHUB_ACTOR", "cli"));
    String reason = option(args, "--reason=", "");
    boolean force = List.of(args).contains("--force");
    if (model == null || (!command.equals("rollback") && version == null)) {
      err.println(
          "usage: TrainingCli evaluate --model=M --version=REF [--dataset=D] [--rerun]\n"
              + "       TrainingCli promote --model=M --version=REF [--alias=accepted]"
              + " [--reason=TEXT] [--force] [--actor=NAME]\n"
              + "       TrainingCli rollback --model=M [--alias=accepted] [--reason=TEXT]"
              + " [--actor=NAME]");
      return 2;
    }
    if (force && reason.isBlank()) {
      err.println("--force needs --reason");
      return 2;
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TrainingApplication.class)
            .web(WebApplicationType.NONE)
            .properties("llmtwin.training.jobs.resume-interrupted=false")
            .run(args)) {
      switch (command) {
        case "evaluate" -> {
          EvaluationReport report =
              context
                  .getBean(ModelEvaluator.class)
                  .evaluate(
                      model,
                      version,
                      option(args, "--dataset="),
                      List.of(args).contains("--rerun"));
          out.println(JSON.writeValueAsString(report));
        }
        case "promote" -> {
          AliasMoved moved =
              context
                  .getBean(ModelPromotions.class)
                  .promote(model, version, alias, actor, reason, force);
          out.println(describe(moved));
        }
        default -> {
          AliasMoved moved =
              context.getBean(ModelPromotions.class).rollback(model, alias, actor, reason);
          out.println(describe(moved));
        }
      }
      return 0;
    } catch (PromotionRefusedException e) {
      err.println("promotion refused: " + e.getMessage());
      err.println("failed metrics: " + String.join(", ", e.decision().failedMetrics()));
      return REFUSED;
    } catch (IOException | RuntimeException e) {
      err.println(command + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static String describe(AliasMoved e) {
    return "%s %s: %s %s -> %s by %s%s (%s)"
        .formatted(
            e.model(),
            e.alias(),
            e.change(),
            e.fromVersion() == null ? "-" : "v" + e.fromVersion(),
            e.toVersion() == null ? "-" : "v" + e.toVersion(),
            e.actor(),
            e.forced() ? ", forced" : "",
            e.reason());
  }

  private static String option(String[] args, String prefix) {
    return option(args, prefix, null);
  }

  private static String option(String[] args, String prefix, String fallback) {
    for (String a : args) {
      if (a.startsWith(prefix)) {
        return a.substring(prefix.length());
      }
    }
    return fallback;
  }
}
