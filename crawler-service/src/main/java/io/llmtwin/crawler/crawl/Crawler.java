package io.llmtwin.crawler.crawl;

import io.llmtwin.model.document.Platform;
import java.net.URI;

/** Reads one kind of source (a platform) into documents. */
public interface Crawler {

  /** The platform documents are attributed to. */
  Platform platform();

  /** Whether this crawler understands {@code link}. */
  boolean supports(URI link);

  /**
   * Crawls the source at the request's link. Item failures are reported in the snapshot; a failure
   * of the source itself (feed unreachable or broken) is thrown as {@link
   * io.llmtwin.web.fetch.FetchFailedException}.
   */
  SourceSnapshot crawl(CrawlRequest request);

  /**
   * Whether a stored document that a partial source no longer lists is gone at its own link.
   * Default: never (keep it).
   */
  default boolean isGone(String link) {
    return false;
  }
}
