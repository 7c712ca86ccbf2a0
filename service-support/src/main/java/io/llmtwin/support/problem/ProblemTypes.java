package io.llmtwin.support.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem bodies with the project's stable type URIs. */
public final class ProblemTypes {
  /** Every problem type URI starts with this. */
  public static final String BASE = "https://llmtwin.io/problems/";

  private ProblemTypes() {}

  public static URI uri(String slug) {
    return URI.create(BASE + slug);
  }

  /** A problem with the given type slug. */
  public static ProblemDetail problem(
      HttpStatusCode status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(uri(slug));
    problem.setTitle(title);
    return problem;
  }

  /** The problem as a flat JSON-ready map, as RFC 9457 lays it out (extensions at top level). */
  public static Map<String, Object> toMap(ProblemDetail problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      body.put("detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      body.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    return body;
  }
}
