package io.llmtwin.crawler.crawl;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A crawl resource: the links requested and the outcome of each.
 *
 * @param id crawl id
 * @param authorId the author
 * @param status overall state
 * @param createdAt when it was requested
 * @param finishedAt when the last link finished, or null
 * @param links per-link state
 */
@Document("crawls")
public record Crawl(
    @Id String id,
    String authorId,
    CrawlStatus status,
    Instant createdAt,
    Instant finishedAt,
    List<LinkResult> links) {

  /**
   * One link of a crawl.
   *
   * @param link the link
   * @param platform the platform crawler that handles it
   * @param status its state
   * @param inserted documents inserted
   * @param updated documents updated
   * @param unchanged documents unchanged (not written)
   * @param deleted documents deleted because they were removed at the source
   * @param failedItems items of the source that failed (see {@code failures})
   * @param reason failure slug when the link failed, else null
   * @param message failure explanation when the link failed, else null
   * @param failures per-item failures
   */
  public record LinkResult(
      String link,
      String platform,
      LinkStatus status,
      int inserted,
      int updated,
      int unchanged,
      int deleted,
      int failedItems,
      String reason,
      String message,
      List<SourceSnapshot.ItemFailure> failures) {

    static LinkResult queued(String link, String platform) {
      return new LinkResult(
          link, platform, LinkStatus.QUEUED, 0, 0, 0, 0, 0, null, null, List.of());
    }

    LinkResult running() {
      return new LinkResult(
          link, platform, LinkStatus.RUNNING, 0, 0, 0, 0, 0, null, null, List.of());
    }

    LinkResult done(SyncCounts counts, List<SourceSnapshot.ItemFailure> itemFailures) {
      return new LinkResult(
          link,
          platform,
          LinkStatus.DONE,
          counts.inserted(),
          counts.updated(),
          counts.unchanged(),
          counts.deleted(),
          counts.failed(),
          null,
          null,
          List.copyOf(itemFailures.subList(0, Math.min(itemFailures.size(), 50))));
    }

    LinkResult failed(String failureReason, String failureMessage) {
      return new LinkResult(
          link,
          platform,
          LinkStatus.FAILED,
          0,
          0,
          0,
          0,
          0,
          failureReason,
          failureMessage,
          List.of());
    }
  }
}
