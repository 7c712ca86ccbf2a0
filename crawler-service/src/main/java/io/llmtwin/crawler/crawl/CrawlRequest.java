package io.llmtwin.crawler.crawl;

import java.net.URI;

/**
 * One link to crawl for an author.
 *
 * @param link the link, already checked by the SSRF guard
 * @param authorId the author the content belongs to
 */
public record CrawlRequest(URI link, String authorId) {}
