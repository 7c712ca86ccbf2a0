package io.llmtwin.cli.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A service answered with an error status (usually an RFC 9457 problem document), or could not be
 * reached at all ({@link #status()} 0).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient JsonNode problem;

  ApiException(int status, String message, JsonNode problem, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.problem = problem == null ? JsonNodeFactory.instance.objectNode() : problem;
  }

  /** HTTP status, 0 when the service could not be reached. */
  public int status() {
    return status;
  }

  /** The problem document, or an empty object. */
  public JsonNode problem() {
    return problem;
  }

  /** The problem's slug (last path segment of its {@code type}), or empty. */
  public String slug() {
    String type = problem.path("type").asString("");
    int slash = type.lastIndexOf('/');
    return slash < 0 ? type : type.substring(slash + 1);
  }
}
