package io.llmtwin.web.fetch;

import io.llmtwin.support.problem.ApiProblemException;
import org.springframework.http.HttpStatus;

/** The REST problem every service answers for a refused user-supplied URL. */
public final class SsrfProblems {
  private SsrfProblems() {}

  /** 400 {@code ssrf-refused} with the extensions {@code reason} and {@code link}. */
  public static ApiProblemException refused(SsrfRefusedException e) {
    return new ApiProblemException(
            HttpStatus.BAD_REQUEST,
            "ssrf-refused",
            "Link refused",
            "refused " + e.url() + ": " + e.reason().description())
        .with("reason", e.reason().slug())
        .with("link", e.url());
  }
}
