package io.llmtwin.support.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure a client should see as an RFC 9457 problem. Thrown anywhere below a controller; the
 * service-support advice renders it as a {@link org.springframework.http.ProblemDetail} with type
 * {@code https://llmtwin.io/problems/<type>}. Every type is listed in {@code docs/api/problems.md}.
 */
public class ApiProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String type;
  private final String title;
  private final transient Map<String, Object> properties = new LinkedHashMap<>();

  /**
   * @param status HTTP status of the response
   * @param type stable slug of the problem type, e.g. {@code ssrf-refused}
   * @param title short, fixed summary of the problem type
   * @param detail what went wrong in this occurrence, safe to show to the caller
   */
  public ApiProblemException(HttpStatus status, String type, String title, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  /** Adds an extension member to the problem body. */
  public ApiProblemException with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public HttpStatus status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public Map<String, Object> properties() {
    return Collections.unmodifiableMap(properties);
  }

  /** 404 for a resource that does not exist (or is not visible to the caller). */
  public static ApiProblemException notFound(String what, String id) {
    return new ApiProblemException(
            HttpStatus.NOT_FOUND, "not-found", "Resource not found", what + " " + id + " not found")
        .with("resource", what);
  }

  /** 400 for input that is syntactically fine but not acceptable. */
  public static ApiProblemException invalid(String detail) {
    return new ApiProblemException(
        HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
  }

  /** 403 when the authenticated key may not act for the requested author. */
  public static ApiProblemException forbiddenAuthor(String authorId) {
    return new ApiProblemException(
        HttpStatus.FORBIDDEN,
        "forbidden",
        "Forbidden",
        "this API key may not act for author " + authorId);
  }
}
