package io.llmtwin.inference.monitoring;

/** The generation endpoints, as metric tags and trace fields. */
public enum Endpoint {
  GENERATE("generate"),
  GENERATE_STREAM("generate-stream"),
  CHAT("chat"),
  CHAT_STREAM("chat-stream");

  private final String tag;

  Endpoint(String tag) {
    this.tag = tag;
  }

  /**
   * The non-streaming endpoint a request path belongs to, for requests refused before their body is
   * read (OpenAI-compatible paths under {@code /v1/}, the rest {@code /api/v1/generate}).
   */
  public static Endpoint forPath(String uri) {
    return uri.startsWith("/v1/") ? CHAT : GENERATE;
  }

  /** The low-cardinality tag value. */
  public String tag() {
    return tag;
  }
}
