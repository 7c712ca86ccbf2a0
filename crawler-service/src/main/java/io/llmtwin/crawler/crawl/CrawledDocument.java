package io.llmtwin.crawler.crawl;

import io.llmtwin.model.document.RawDocument;

/**
 * A document a crawler found, with the HTTP validators and extras stored beside it.
 *
 * @param document the document
 * @param subtitle subtitle or standfirst, or null
 * @param etag ETag of the page, or null
 * @param lastModified Last-Modified of the page, or null
 */
public record CrawledDocument(
    RawDocument document, String subtitle, String etag, String lastModified) {

  /** A document without extras. */
  public static CrawledDocument of(RawDocument document) {
    return new CrawledDocument(document, null, null, null);
  }
}
