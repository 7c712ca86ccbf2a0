package io.llmtwin.cli.command;

import io.llmtwin.cli.api.ApiException;
import io.llmtwin.cli.api.Service;
import io.llmtwin.cli.api.TwinApi;
import io.llmtwin.cli.console.Console;
import io.llmtwin.cli.stack.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** {@code status}: health of every service, the served model and the author's corpus. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Health of the four services, the served model and the author's corpus.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Console console = common.console();
    TwinApi api = common.api();
    int down = 0;
    for (Service s : Service.values()) {
      String line;
      try {
        JsonNode health = api.health(s);
        line = health.path("status").asString("?");
        if (s == Service.INFERENCE) {
          JsonNode model = health.path("components").path("model");
          if (!model.isMissingNode()) {
            line += "  model " + model.path("status").asString("?") + " " + model.path("details");
          }
        }
      } catch (ApiException e) {
        line = "DOWN (" + e.getMessage() + ")";
        down++;
      }
      console.line(String.format("%-18s %-28s %s", s.module(), api.client(s).base(), line));
    }
    Stack.recorded(common.home())
        .ifPresent(
            state -> {
              StringBuilder pids = new StringBuilder("processes:");
              for (JsonNode p : state.path("processes")) {
                long pid = p.path("pid").asLong();
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                pids.append(' ')
                    .append(p.path("name").asString())
                    .append('=')
                    .append(pid)
                    .append(alive ? "" : "(gone)");
              }
              console.line(pids.toString());
            });
    try {
      String author = common.authorId();
      JsonNode corpus = api.corpus(author);
      console.line(
          "corpus of "
              + author
              + ": "
              + corpus.path("documents")
              + ", total "
              + corpus.path("total").asLong());
      JsonNode models = api.models();
      for (JsonNode m : models) {
        console.line(
            "model "
                + m.path("name").asString()
                + ": latest v"
                + m.path("latestVersion").asString("?")
                + ", aliases "
                + m.path("aliases"));
      }
    } catch (ApiException | IllegalArgumentException e) {
      console.line("(" + e.getMessage() + ")");
    }
    return down == 0 ? 0 : 1;
  }
}
