package io.llmtwin.crawler.crawl;

import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Starts crawls and reports their per-link progress. */
@RestController
@RequestMapping("/api/v1/crawls")
@Tag(name = "crawls", description = "Asynchronous crawls of an author's links")
class CrawlController {
  private final CrawlService crawls;

  CrawlController(CrawlService crawls) {
    this.crawls = crawls;
  }

  /**
   * Body of a crawl request.
   *
   * @param authorId the author (must be the caller's)
   * @param links links to crawl: profiles, feeds, articles, repositories
   */
  record CrawlRequestBody(
      @NotBlank String authorId, @NotEmpty @Size(max = 1000) List<@NotBlank String> links) {}

  @PostMapping
  @Operation(
      summary = "Start a crawl",
      description =
          "Checks every link (SSRF guard, supported platform) and queues the crawl; returns 202 with"
              + " the crawl resource. Refused links give 400 problems of type ssrf-refused or"
              + " unsupported-link.")
  @ApiResponse(responseCode = "202", description = "crawl queued")
  @ApiResponse(responseCode = "400", description = "a link was refused")
  ResponseEntity<Crawl> start(
      @AuthenticationPrincipal ApiKeyPrincipal principal,
      @Valid @RequestBody CrawlRequestBody body) {
    if (!principal.mayActFor(body.authorId())) {
      throw ApiProblemException.forbiddenAuthor(body.authorId());
    }
    Crawl crawl = crawls.submit(body.authorId(), body.links());
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/crawls/" + crawl.id()))
        .body(crawl);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Show a crawl with the status of each link")
  Crawl get(@AuthenticationPrincipal ApiKeyPrincipal principal, @PathVariable String id) {
    return crawls
        .find(id)
        .filter(c -> principal.mayActFor(c.authorId()))
        .orElseThrow(() -> ApiProblemException.notFound("crawl", id));
  }
}
