package io.llmtwin.model.messaging;

import java.util.Locale;

/** What happened to a document. */
public enum ChangeOperation {
  INSERT,
  UPDATE,
  DELETE,
  /** The current state of an existing document, re-published by a replay or after lost history. */
  SNAPSHOT;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the message carries the document itself. */
  public boolean carriesDocument() {
    return this != DELETE;
  }
}
