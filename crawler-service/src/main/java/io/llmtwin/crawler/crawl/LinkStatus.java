package io.llmtwin.crawler.crawl;

/** State of one link of a crawl. */
public enum LinkStatus {
  QUEUED,
  RUNNING,
  DONE,
  FAILED
}
