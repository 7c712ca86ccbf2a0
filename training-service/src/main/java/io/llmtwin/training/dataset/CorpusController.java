package io.llmtwin.training.dataset;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/corpus/{authorId}}: how many cleaned documents of the author the feature store
 * holds per type, the corpus a dataset would be built from (read from the feature store, never from
 * MongoDB).
 */
@RestController
@RequestMapping("/api/v1/corpus")
class CorpusController {
  private final CleanedDocumentSource source;

  CorpusController(CleanedDocumentSource source) {
    this.source = source;
  }

  @GetMapping("/{authorId}")
  Corpus corpus(@PathVariable String authorId, @AuthenticationPrincipal ApiKeyPrincipal principal) {
    DatasetRequest.checkAuthorId(authorId);
    if (!principal.mayActFor(authorId)) {
      throw ApiProblemException.forbiddenAuthor(authorId);
    }
    Map<String, Long> documents = new LinkedHashMap<>();
    long total = 0;
    for (DocumentType type : DocumentType.values()) {
      long n = source.count(authorId, type);
      documents.put(type.key(), n);
      total += n;
    }
    return new Corpus(authorId, documents, total);
  }

  /**
   * The answer.
   *
   * @param authorId the author
   * @param documents cleaned documents per type key (every type, 0 when none)
   * @param total all of them
   */
  record Corpus(String authorId, Map<String, Long> documents, long total) {}
}
