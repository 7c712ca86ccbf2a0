package io.llmtwin.crawler.fetch;

/** A page could not be fetched or read; the message is safe to show to the API client. */
public class FetchFailedException extends RuntimeException {
  private final transient FetchFailure failure;

  /** A failure with a reason and a human-readable message. */
  public FetchFailedException(FetchFailure failure, String message) {
    super(message);
    this.failure = failure;
  }

  /** A failure caused by another exception. */
  public FetchFailedException(FetchFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  /** Why it failed. */
  public FetchFailure failure() {
    return failure;
  }
}
