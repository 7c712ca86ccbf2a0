package io.llmtwin.cli.stack;

import java.nio.file.Path;

/** A stage of {@code up} or {@code demo} failed; names the stage and the log to read. */
public final class StageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String stage;
  private final transient Path log;

  /** A failure of {@code stage}; {@code log} may be null. */
  public StageFailure(String stage, String message, Path log, Throwable cause) {
    super(message, cause);
    this.stage = stage;
    this.log = log;
  }

  /** The stage that failed. */
  public String stage() {
    return stage;
  }

  /** The log to read, or null. */
  public Path log() {
    return log;
  }
}
