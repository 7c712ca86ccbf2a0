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

  /** The low-cardinality tag value. */
  public String tag() {
    return tag;
  }
}
