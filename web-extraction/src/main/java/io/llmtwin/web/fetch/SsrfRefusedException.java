package io.llmtwin.web.fetch;

/** A URL that is refused because it could reach an internal address. */
public class SsrfRefusedException extends RuntimeException {
  private final transient SsrfReason reason;
  private final String url;

  SsrfRefusedException(SsrfReason reason, String url) {
    super(reason.description() + ": " + url);
    this.reason = reason;
    this.url = url;
  }

  /** Why it was refused. */
  public SsrfReason reason() {
    return reason;
  }

  /** The refused URL as given. */
  public String url() {
    return url;
  }
}
