package io.llmtwin.cli.demo;

import io.llmtwin.cli.api.ApiException;
import io.llmtwin.cli.console.Console;
import io.llmtwin.cli.stack.StageFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs named stages, records how long each took and turns any failure into a {@link StageFailure}.
 */
public final class StageClock {
  /**
   * One finished stage.
   *
   * @param stage its name
   * @param seconds how long it ran
   * @param ok whether it succeeded
   */
  public record Timing(String stage, double seconds, boolean ok) {}

  private final List<Timing> timings = new ArrayList<>();

  /**
   * Runs a stage.
   *
   * @param log the log to read when it fails (null: none)
   */
  public <T> T run(String stage, Path log, Callable<T> body) {
    long start = System.nanoTime();
    try {
      T result = body.call();
      timings.add(new Timing(stage, (System.nanoTime() - start) / 1e9, true));
      return result;
    } catch (StageFailure e) {
      timings.add(new Timing(stage, (System.nanoTime() - start) / 1e9, false));
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timings.add(new Timing(stage, (System.nanoTime() - start) / 1e9, false));
      throw new StageFailure(stage, "interrupted", log, e);
    } catch (Exception e) {
      timings.add(new Timing(stage, (System.nanoTime() - start) / 1e9, false));
      String message = e instanceof ApiException ? e.getMessage() : String.valueOf(e.getMessage());
      throw new StageFailure(stage, message, log, e);
    }
  }

  /** Prints a table of stage timings and the total. */
  public void print(Console console) {
    console.line("Timings:");
    double total = 0;
    for (Timing t : timings) {
      total += t.seconds();
      console.line(
          String.format("  %-22s %7.1f s%s", t.stage(), t.seconds(), t.ok() ? "" : "  FAILED"));
    }
    console.line(String.format("  %-22s %7.1f s", "total", total));
  }
}
