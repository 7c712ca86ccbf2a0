package io.llmtwin.web.fetch;

import java.util.Locale;

/** Why the SSRF guard refused a URL; {@link #slug()} is reported to API clients. */
public enum SsrfReason {
  INVALID_URL("the URL cannot be parsed"),
  UNSUPPORTED_SCHEME("only http and https URLs are fetched"),
  MISSING_HOST("the URL has no host"),
  CREDENTIALS_IN_URL("URLs with user information are not fetched"),
  NUMERIC_HOST_FORM("decimal, octal, hexadecimal or shortened IP address forms are not fetched"),
  UNRESOLVABLE_HOST("the host name does not resolve"),
  LOOPBACK_ADDRESS("the host resolves to a loopback address"),
  PRIVATE_ADDRESS("the host resolves to a private network address"),
  LINK_LOCAL_ADDRESS("the host resolves to a link-local address"),
  MULTICAST_ADDRESS("the host resolves to a multicast address"),
  METADATA_ADDRESS("the host is a cloud metadata endpoint"),
  UNSPECIFIED_ADDRESS("the host resolves to the unspecified address 0.0.0.0 or ::"),
  RESERVED_ADDRESS("the host resolves to a reserved or shared address range");

  private final String description;

  SsrfReason(String description) {
    this.description = description;
  }

  /** Human-readable explanation. */
  public String description() {
    return description;
  }

  /** Stable lower-case token, e.g. {@code loopback-address}. */
  public String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
