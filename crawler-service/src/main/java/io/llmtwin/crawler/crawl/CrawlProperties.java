package io.llmtwin.crawler.crawl;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Crawl execution.
 *
 * @param concurrency links crawled at the same time
 * @param queueCapacity links waiting beyond those; a crawl that does not fit is refused with 429
 * @param maxLinksPerCrawl the most links one request may name
 */
@ConfigurationProperties("llmtwin.crawler.crawl")
public record CrawlProperties(
    @DefaultValue("4") int concurrency,
    @DefaultValue("500") int queueCapacity,
    @DefaultValue("100") int maxLinksPerCrawl) {}
