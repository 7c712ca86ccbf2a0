package io.llmtwin.crawler.crawl;

import org.springframework.data.mongodb.repository.MongoRepository;

/** Crawl resources in the {@code crawls} collection. */
interface CrawlRepository extends MongoRepository<Crawl, String> {}
