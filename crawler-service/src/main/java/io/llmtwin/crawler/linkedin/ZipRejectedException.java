package io.llmtwin.crawler.linkedin;

import java.util.Locale;

/** An uploaded archive that is refused: not a ZIP, a zip bomb, or an unsafe entry name. */
public class ZipRejectedException extends RuntimeException {
  /** Why an archive was refused. */
  public enum Reason {
    NOT_A_ZIP,
    PATH_TRAVERSAL,
    TOO_MANY_ENTRIES,
    ENTRY_TOO_LARGE,
    TOTAL_TOO_LARGE,
    COMPRESSION_RATIO,
    NO_CONTENT;

    /** Stable lower-case token. */
    public String slug() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final transient Reason reason;

  ZipRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }
}
