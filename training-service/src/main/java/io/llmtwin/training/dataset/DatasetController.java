package io.llmtwin.training.dataset;

import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/datasets}: builds a dataset version without training (synchronously; the same
 * content and config give the same content-addressed version) and describes stored versions.
 */
@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {
  private final DatasetBuilder datasets;

  DatasetController(DatasetBuilder datasets) {
    this.datasets = datasets;
  }

  @PostMapping
  ResponseEntity<DatasetVersion> build(
      @RequestBody DatasetRequest request, @AuthenticationPrincipal ApiKeyPrincipal principal) {
    if (request == null) {
      throw ApiProblemException.invalid("a JSON body with authorId is required");
    }
    DatasetRequest.checkAuthorId(request.authorId());
    if (!principal.mayActFor(request.authorId())) {
      throw ApiProblemException.forbiddenAuthor(request.authorId());
    }
    DatasetVersion version = datasets.build(request.authorId(), request.config());
    return ResponseEntity.created(URI.create("/api/v1/datasets/" + version.version()))
        .body(version);
  }

  @GetMapping("/{version}")
  DatasetVersion get(
      @PathVariable String version, @AuthenticationPrincipal ApiKeyPrincipal principal) {
    return datasets
        .describe(version)
        .filter(v -> principal.mayActFor(v.authorId()))
        .orElseThrow(() -> ApiProblemException.notFound("dataset", version));
  }
}
