package io.llmtwin.cli.console;

import java.io.PrintStream;

/**
 * Where the CLI writes: an interactive terminal gets progress bars redrawn in place; headless mode
 * (no terminal, {@code --headless} or {@code LLMTWIN_HEADLESS=true}) gets plain lines only.
 */
public final class Console {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;
  private ProgressBar active;

  /** A console over the given streams. */
  public Console(PrintStream out, PrintStream err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  /** The process's console; interactive only on a real terminal and when not headless. */
  public static Console system(boolean headless) {
    String term = System.getenv("TERM");
    boolean tty = System.console() != null && term != null && !term.equals("dumb");
    return new Console(System.out, System.err, tty && !headless);
  }

  /** Prints a line (below any active bar). */
  public synchronized void line(String text) {
    clearBar();
    out.println(text);
    out.flush();
    redrawBar();
  }

  /** Prints text without a line break (generated tokens). */
  public synchronized void print(String text) {
    out.print(text);
    out.flush();
  }

  /** Prints an error line to standard error. */
  public synchronized void error(String text) {
    clearBar();
    out.flush();
    err.println(text);
    err.flush();
    redrawBar();
  }

  /**
   * Starts a progress bar.
   *
   * @param total expected units, 0 when unknown (a spinner with a counter)
   * @param unit what is counted ("links", "documents", "steps")
   */
  public synchronized ProgressBar bar(String label, long total, String unit) {
    if (active != null) {
      active.finish("");
    }
    active = new ProgressBar(this, label, total, unit, System.nanoTime());
    if (interactive) {
      redrawBar();
    }
    return active;
  }

  synchronized void barChanged(ProgressBar bar) {
    if (bar != active) {
      return;
    }
    if (interactive) {
      out.print("\r" + bar.render(width()) + "\u001b[K");
      out.flush();
    } else {
      String line = bar.plainUpdate();
      if (line != null) {
        out.println(line);
        out.flush();
      }
    }
  }

  synchronized void barFinished(ProgressBar bar, String line) {
    if (bar == active) {
      if (interactive) {
        out.print("\r\u001b[K");
      }
      active = null;
    }
    out.println(line);
    out.flush();
  }

  private void clearBar() {
    if (interactive && active != null) {
      out.print("\r\u001b[K");
    }
  }

  private void redrawBar() {
    if (interactive && active != null) {
      out.print(active.render(width()));
      out.flush();
    }
  }

  private static int width() {
    String columns = System.getenv("COLUMNS");
    try {
      return columns == null ? 100 : Math.max(40, Integer.parseInt(columns.trim()));
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}
