package io.llmtwin.crawler.cdc;

/** A stored document (or change event) that cannot be turned into a message; it is skipped. */
class MalformedDocumentException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedDocumentException(String message) {
    super(message);
  }

  MalformedDocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
