package io.llmtwin.crawler.crawl;

import io.llmtwin.crawler.store.DocumentStore;
import io.llmtwin.crawler.store.StoreProperties;
import io.llmtwin.model.document.DocumentType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies a {@link SourceSnapshot} to the store: saves what was found, then deletes what the source
 * no longer has (when configured). Nothing is deleted for items that failed this time.
 */
@Component
public class SourceSync {
  private static final Logger log = LoggerFactory.getLogger(SourceSync.class);
  private final DocumentStore store;
  private final StoreProperties properties;

  SourceSync(DocumentStore store, StoreProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /** Applies a complete snapshot (an import): whatever it lacks was removed at the source. */
  public SyncCounts apply(String authorId, SourceSnapshot snapshot) {
    if (!snapshot.complete()) {
      throw new IllegalArgumentException(
          "only complete snapshots can be applied without a crawler");
    }
    return apply(authorId, snapshot, null);
  }

  SyncCounts apply(String authorId, SourceSnapshot snapshot, Crawler crawler) {
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    Set<String> seen = new HashSet<>(snapshot.keptIds());
    for (CrawledDocument doc : snapshot.documents()) {
      seen.add(doc.document().id());
      switch (store.save(doc, snapshot.source())) {
        case INSERTED -> inserted++;
        case UPDATED -> updated++;
        case UNCHANGED -> unchanged++;
      }
    }
    int deleted = 0;
    if (properties.deleteRemoved()) {
      Set<String> failedLinks = new HashSet<>();
      snapshot.failures().forEach(f -> failedLinks.add(f.link()));
      for (DocumentType type : snapshot.types()) {
        Map<String, String> stored = store.linksFromSource(type, authorId, snapshot.source());
        for (Map.Entry<String, String> entry : stored.entrySet()) {
          String link = entry.getValue() == null ? "" : entry.getValue();
          if (seen.contains(entry.getKey())
              || failedLinks.stream()
                  .anyMatch(
                      f ->
                          link.equals(f) || link.startsWith(f + "/") || link.startsWith(f + "#"))) {
            continue;
          }
          if (snapshot.complete() || (crawler != null && crawler.isGone(entry.getValue()))) {
            if (store.delete(type, entry.getKey())) {
              deleted++;
              log.info("deleted {} {}: removed at its source", type.key(), entry.getKey());
            }
          }
        }
      }
    }
    return new SyncCounts(inserted, updated, unchanged, deleted, snapshot.failures().size());
  }
}
