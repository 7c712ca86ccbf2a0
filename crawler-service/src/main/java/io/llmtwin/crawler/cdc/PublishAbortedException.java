package io.llmtwin.crawler.cdc;

/** Publishing stopped before every event was confirmed (watcher stopping or lease lost). */
class PublishAbortedException extends Exception {
  private static final long serialVersionUID = 1L;

  PublishAbortedException(String message) {
    super(message);
  }
}
