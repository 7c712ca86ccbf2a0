package io.llmtwin.crawler.crawl;

import io.llmtwin.model.document.DocumentType;
import java.util.List;
import java.util.Set;

/**
 * What one crawl of a source (a feed, a profile, a repository, a page) found.
 *
 * @param source the link that was crawled; stored documents remember it so later crawls can tell
 *     what disappeared
 * @param types the document types this source produces
 * @param documents the documents read successfully
 * @param keptIds ids of documents that exist at the source but were not re-read (not modified, or
 *     their page failed this time): never deleted
 * @param failures per-item failures; the rest of the source is still stored
 * @param complete whether {@code documents} + {@code keptIds} is everything the source has now
 *     (then stored documents missing from it were removed at the source); when false, missing ones
 *     are re-checked one by one
 */
public record SourceSnapshot(
    String source,
    Set<DocumentType> types,
    List<CrawledDocument> documents,
    Set<String> keptIds,
    List<ItemFailure> failures,
    boolean complete) {

  public SourceSnapshot {
    types = Set.copyOf(types);
    documents = List.copyOf(documents);
    keptIds = Set.copyOf(keptIds);
    failures = List.copyOf(failures);
  }

  /** This snapshot under another source link, e.g. the profile a feed was read for. */
  public SourceSnapshot withSource(String source) {
    return new SourceSnapshot(source, types, documents, keptIds, failures, complete);
  }

  /**
   * One item of a source that could not be read.
   *
   * @param link the item's link
   * @param reason the failure's slug (e.g. {@code http-error})
   * @param message a human-readable explanation
   */
  public record ItemFailure(String link, String reason, String message) {}
}
