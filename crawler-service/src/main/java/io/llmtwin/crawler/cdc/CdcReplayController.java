package io.llmtwin.crawler.cdc;

import com.mongodb.client.model.Filters;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/cdc/replay?authorId=&type=}: re-publishes the author's stored documents (of
 * one type, or all types) as {@code SNAPSHOT} events, e.g. for a fresh feature store or a new
 * embedding model. Answers once the broker confirmed every event.
 */
@RestController
@RequestMapping("/api/v1/cdc")
public class CdcReplayController {
  private final SnapshotPublisher snapshots;
  private final CdcProperties properties;

  CdcReplayController(SnapshotPublisher snapshots, CdcProperties properties) {
    this.snapshots = snapshots;
    this.properties = properties;
  }

  /** Replays the caller's documents. */
  @PostMapping("/replay")
  public Map<String, Object> replay(
      @AuthenticationPrincipal ApiKeyPrincipal principal,
      @RequestParam String authorId,
      @RequestParam(required = false) String type) {
    if (authorId.isBlank()) {
      throw ApiProblemException.invalid("authorId is required");
    }
    if (!principal.mayActFor(authorId)) {
      throw ApiProblemException.forbiddenAuthor(authorId);
    }
    List<DocumentType> types;
    try {
      types =
          type == null || type.isBlank()
              ? List.of(DocumentType.values())
              : List.of(DocumentType.parse(type));
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid(e.getMessage());
    }
    String replayId = UUID.randomUUID().toString();
    Map<String, Long> published = new LinkedHashMap<>();
    long deadline = System.nanoTime() + properties.replayTimeout().toNanos();
    try {
      for (DocumentType documentType : types) {
        published.put(
            documentType.key(),
            snapshots.publish(
                documentType,
                Filters.eq("authorId", authorId),
                replayId,
                () -> System.nanoTime() < deadline));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("the replay was interrupted");
    } catch (PublishAbortedException e) {
      throw unavailable(e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("replayId", replayId);
    body.put("authorId", authorId);
    body.put("types", new ArrayList<>(published.keySet()));
    body.put("published", published.values().stream().mapToLong(Long::longValue).sum());
    body.put("publishedByType", published);
    return body;
  }

  private static ApiProblemException unavailable(String detail) {
    return new ApiProblemException(
        HttpStatus.SERVICE_UNAVAILABLE, "replay-unavailable", "Replay unavailable", detail);
  }
}
