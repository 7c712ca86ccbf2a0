package io.llmtwin.web.fetch;

/** A page could not be fetched or read; the message is safe to show to the API client. */
public class FetchFailedException extends RuntimeException {
  private final transient FetchFailure failure;
  private final int httpStatus;

  /** A failure with a reason and a human-readable message. */
  public FetchFailedException(FetchFailure failure, String message) {
    this(failure, message, 0);
  }

  /** A failure caused by an HTTP error status. */
  public FetchFailedException(FetchFailure failure, String message, int httpStatus) {
    super(message);
    this.failure = failure;
    this.httpStatus = httpStatus;
  }

  /** A failure caused by another exception. */
  public FetchFailedException(FetchFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
    this.httpStatus = 0;
  }

  /** Whether the server said the resource is gone (404 or 410). */
  public boolean gone() {
    return httpStatus == 404 || httpStatus == 410;
  }

  /** The HTTP status when the server answered with an error, else 0. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Why it failed. */
  public FetchFailure failure() {
    return failure;
  }
}
