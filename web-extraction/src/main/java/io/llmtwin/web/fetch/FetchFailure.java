package io.llmtwin.web.fetch;

import java.util.Locale;

/** Why fetching or reading a page failed; reported per link. */
public enum FetchFailure {
  SSRF_REFUSED,
  ROBOTS_DISALLOWED,
  TOO_MANY_REDIRECTS,
  HTTP_ERROR,
  TIMEOUT,
  CONNECTION_FAILED,
  RESPONSE_TOO_LARGE,
  UNSUPPORTED_CONTENT_TYPE,
  UNDECODABLE_CONTENT,
  EMPTY_CONTENT,
  MALFORMED_CONTENT,
  INTERRUPTED;

  /** Stable lower-case token. */
  public String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
