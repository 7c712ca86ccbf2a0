package io.llmtwin.crawler.author;

import io.llmtwin.crawler.crawl.Crawl;
import io.llmtwin.crawler.crawl.CrawlService;
import io.llmtwin.model.document.Platform;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import io.llmtwin.web.fetch.SsrfProblems;
import io.llmtwin.web.fetch.SsrfRefusedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Authors and their profile links; a sync re-crawls everything known about an author. */
@RestController
@RequestMapping("/api/v1/authors")
@Tag(name = "authors", description = "Authors whose content is collected")
class AuthorController {
  private final AuthorService authors;
  private final CrawlService crawls;

  AuthorController(AuthorService authors, CrawlService crawls) {
    this.authors = authors;
    this.crawls = crawls;
  }

  /**
   * Body of an author creation.
   *
   * @param name display name
   * @param profiles profile link per platform, e.g. {@code {"MEDIUM": "https://medium.com/@alex"}}
   */
  record CreateAuthor(@NotBlank @Size(max = 200) String name, Map<Platform, String> profiles) {}

  @PostMapping
  @Operation(
      summary = "Create (or replace) the caller's author",
      description =
          "The author id is the one the API key is bound to; profile links pass the SSRF guard.")
  ResponseEntity<Author> create(
      @AuthenticationPrincipal ApiKeyPrincipal principal, @Valid @RequestBody CreateAuthor body) {
    try {
      Author author = authors.create(body.name(), body.profiles(), principal.authorId());
      return ResponseEntity.created(URI.create("/api/v1/authors/" + author.id())).body(author);
    } catch (SsrfRefusedException e) {
      throw SsrfProblems.refused(e);
    }
  }

  @GetMapping("/{id}")
  @Operation(summary = "Show an author")
  Author get(@AuthenticationPrincipal ApiKeyPrincipal principal, @PathVariable String id) {
    if (!principal.mayActFor(id)) {
      throw ApiProblemException.forbiddenAuthor(id);
    }
    return authors.find(id).orElseThrow(() -> ApiProblemException.notFound("author", id));
  }

  @PostMapping("/{id}/sync")
  @Operation(
      summary = "Re-crawl every known source of the author incrementally",
      description = "Profiles and every link crawled before; returns 202 with the crawl resource.")
  ResponseEntity<Crawl> sync(
      @AuthenticationPrincipal ApiKeyPrincipal principal, @PathVariable String id) {
    if (!principal.mayActFor(id)) {
      throw ApiProblemException.forbiddenAuthor(id);
    }
    Author author = authors.find(id).orElseThrow(() -> ApiProblemException.notFound("author", id));
    List<String> sources = List.copyOf(author.allSources());
    if (sources.isEmpty()) {
      throw ApiProblemException.invalid(
          "author " + id + " has no profile links or crawled sources yet");
    }
    Crawl crawl = crawls.submit(id, sources);
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/crawls/" + crawl.id()))
        .body(crawl);
  }
}
