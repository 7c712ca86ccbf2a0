package io.llmtwin.crawler.crawl;

/** State of a whole crawl. */
public enum CrawlStatus {
  QUEUED,
  RUNNING,
  /** Every link done. */
  DONE,
  /** Finished; at least one link or item failed. */
  DONE_WITH_FAILURES
}
