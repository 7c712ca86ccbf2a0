package io.llmtwin.inference.engine;

import java.util.List;

/**
 * Cuts streamed text at the first stop sequence. Text that could still become a stop sequence is
 * held back, so a listener never sees part of one.
 */
final class StopSequenceFilter {

  private final List<String> stops;
  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder emitted = new StringBuilder();
  private boolean stopped;

  StopSequenceFilter(List<String> stops) {
    this.stops = stops;
  }

  /** Adds generated text; returns the text now safe to emit (possibly empty). */
  String accept(String piece) {
    if (stopped) {
      return "";
    }
    pending.append(piece);
    int cut = -1;
    for (String stop : stops) {
      int at = pending.indexOf(stop);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
      }
    }
    if (cut >= 0) {
      stopped = true;
      return release(cut);
    }
    int keep = 0;
    String text = pending.toString();
    for (String stop : stops) {
      for (int len = Math.min(stop.length() - 1, pending.length()); len > keep; len--) {
        if (text.regionMatches(text.length() - len, stop, 0, len)) {
          keep = len;
          break;
        }
      }
    }
    return release(pending.length() - keep);
  }

  /** At the end of generation: the held-back text, which was not a stop sequence. */
  String flush() {
    return stopped ? "" : release(pending.length());
  }

  boolean stopped() {
    return stopped;
  }

  String text() {
    return emitted.toString();
  }

  private String release(int length) {
    String out = pending.substring(0, length);
    pending.delete(0, stopped ? pending.length() : length);
    emitted.append(out);
    return out;
  }
}
