package io.llmtwin.inference.monitoring;

import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/traces}: the caller's own prompt traces, newest first. */
@RestController
@Tag(name = "traces", description = "Prompt monitoring: traced generation requests")
public class TracesController {
  static final Set<String> OUTCOMES =
      Set.of("ok", "cancelled", "failed", "rejected", "invalid", "unavailable");
  static final int MAX_LIMIT = 200;

  private final MongoTraceStore store;

  TracesController(MongoTraceStore store) {
    this.store = store;
  }

  /** Lists traces of the caller's author. */
  @GetMapping(path = "/api/v1/traces", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "List prompt traces",
      description =
          "Traces of the API key's author only (authorId of another author is 403): prompt, rendered"
              + " prompt, source ids, completion, tokens, timings, model version and outcome."
              + " Filters: outcome (ok|cancelled|failed|rejected|invalid|unavailable), since (ISO-8601"
              + " instant), limit (1-200, default 50).")
  public List<PromptTrace> traces(
      @RequestParam(required = false) String authorId,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String since,
      @RequestParam(defaultValue = "50") int limit,
      @Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller) {
    String author = caller.authorId();
    if (authorId != null && !authorId.isBlank() && !caller.mayActFor(authorId.trim())) {
      throw ApiProblemException.forbiddenAuthor(authorId.trim());
    }
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw ApiProblemException.invalid("outcome must be one of " + OUTCOMES);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblemException.invalid("limit must be between 1 and " + MAX_LIMIT);
    }
    Instant from = null;
    if (since != null && !since.isBlank()) {
      try {
        from = Instant.parse(since.trim());
      } catch (DateTimeParseException e) {
        throw ApiProblemException.invalid(
            "since must be an ISO-8601 instant such as 2026-11-29T00:00:00Z");
      }
    }
    return store.find(author, outcome, from, limit);
  }
}
