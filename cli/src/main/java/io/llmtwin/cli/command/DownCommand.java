package io.llmtwin.cli.command;

import io.llmtwin.cli.stack.Stack;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code down}: stops what {@code up} started; data stays. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stops the services and the devstack started by up (data stays in <home>).")
public final class DownCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    List<String> stopped = Stack.stopRecorded(common.home());
    common
        .console()
        .line(
            stopped.isEmpty()
                ? "Nothing to stop (no running stack recorded in " + common.home() + ")."
                : "Stopped " + String.join(", ", stopped) + ".");
    return 0;
  }
}
