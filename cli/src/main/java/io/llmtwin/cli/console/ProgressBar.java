package io.llmtwin.cli.console;

import java.time.Duration;

/**
 * One long stage's progress: {@code label [=====> ] 12/40 steps loss 2.31 ETA 0:32} on a terminal;
 * in headless mode a plain line at every tenth of the way (or every 10 s when the total is unknown)
 * and one at the end.
 */
public final class ProgressBar {
  private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
  private static final char[] SPIN = {'|', '/', '-', '\\'};

  private final Console console;
  private final String label;
  private final String unit;
  private final long started;
  private long total;
  private long done;
  private String detail = "";
  private Long etaSeconds;
  private long lastPlainDecile = -1;
  private long lastPlainAt;
  private int spin;
  private boolean finished;

  ProgressBar(Console console, String label, long total, String unit, long started) {
    this.console = console;
    this.label = label;
    this.total = Math.max(0, total);
    this.unit = unit;
    this.started = started;
    this.lastPlainAt = started;
  }

  /** Sets the units done. */
  public void update(long done) {
    update(done, total, detail, null);
  }

  /**
   * Sets units done, the total (0 = unknown), a detail text and an ETA the source computed (null:
   * estimated from the rate so far).
   */
  public void update(long done, long total, String detail, Long etaSeconds) {
    synchronized (console) {
      if (finished) {
        return;
      }
      this.done = Math.max(0, done);
      this.total = Math.max(0, total);
      this.detail = detail == null ? "" : detail;
      this.etaSeconds = etaSeconds;
      spin++;
      console.barChanged(this);
    }
  }

  /** Ends the bar with a summary line ({@code label: summary (12.3 s)}). */
  public void finish(String summary) {
    end("done" + (summary == null || summary.isBlank() ? "" : ", " + summary));
  }

  /** Ends the bar as failed. */
  public void fail(String why) {
    end("FAILED" + (why == null || why.isBlank() ? "" : ": " + why));
  }

  /** Seconds since the bar started. */
  public double elapsedSeconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  private void end(String text) {
    synchronized (console) {
      if (finished) {
        return;
      }
      finished = true;
      console.barFinished(
          this, label + ": " + text + " (" + String.format("%.1f s", elapsedSeconds()) + ")");
    }
  }

  String render(int width) {
    StringBuilder s = new StringBuilder(label).append(' ');
    if (total > 0) {
      int barWidth = Math.max(10, Math.min(30, width - label.length() - 50));
      int filled = (int) Math.min(barWidth, barWidth * done / total);
      s.append('[');
      s.append("=".repeat(Math.max(0, filled - 1)));
      if (filled > 0) {
        s.append(filled == barWidth ? '=' : '>');
      }
      s.append(" ".repeat(barWidth - filled)).append("] ");
      s.append(done).append('/').append(total).append(' ').append(unit);
    } else if (done > 0) {
      s.append(SPIN[spin % SPIN.length]).append(' ').append(done).append(' ').append(unit);
    } else {
      s.append(SPIN[spin % SPIN.length]);
    }
    if (!detail.isEmpty()) {
      s.append("  ").append(detail);
    }
    Long eta = eta();
    if (eta != null) {
      s.append("  ETA ").append(clock(eta));
    }
    s.append("  ").append(clock((long) elapsedSeconds()));
    String line = s.toString();
    return line.length() >= width ? line.substring(0, width - 1) : line;
  }

  String plainUpdate() {
    long now = System.nanoTime();
    if (total > 0) {
      long decile = done * 10 / total;
      if (decile == lastPlainDecile) {
        return null;
      }
      lastPlainDecile = decile;
    } else if (now - lastPlainAt < PLAIN_INTERVAL_NANOS) {
      return null;
    }
    lastPlainAt = now;
    StringBuilder s = new StringBuilder(label).append(": ").append(done);
    if (total > 0) {
      s.append('/').append(total);
    }
    s.append(' ').append(unit);
    if (!detail.isEmpty()) {
      s.append(", ").append(detail);
    }
    Long eta = eta();
    if (eta != null) {
      s.append(", ETA ").append(clock(eta));
    }
    return s.toString();
  }

  private Long eta() {
    if (etaSeconds != null) {
      return etaSeconds;
    }
    if (total <= 0 || done <= 0 || done >= total) {
      return null;
    }
    double rate = done / Math.max(0.001, elapsedSeconds());
    return (long) ((total - done) / rate);
  }

  static String clock(long seconds) {
    long s = Math.max(0, seconds);
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
