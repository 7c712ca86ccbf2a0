package io.llmtwin.crawler.crawl;

/**
 * What a crawl of one link changed in the store.
 *
 * @param inserted new documents
 * @param updated documents whose content changed
 * @param unchanged documents seen again without changes (not written)
 * @param deleted documents removed at the source and deleted
 * @param failed items of the source that could not be read
 */
public record SyncCounts(int inserted, int updated, int unchanged, int deleted, int failed) {}
