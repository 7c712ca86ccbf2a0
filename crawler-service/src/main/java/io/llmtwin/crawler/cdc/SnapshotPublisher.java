package io.llmtwin.crawler.cdc;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the current state of stored documents as {@code SNAPSHOT} events: after lost change
 * stream history, on the first start, and for the replay endpoint. Malformed documents are logged,
 * counted and skipped.
 */
final class SnapshotPublisher {
  private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);

  private final MongoDatabase database;
  private final ConfirmingPublisher publisher;
  private final AuthorIndex authors;
  private final CdcMetrics metrics;
  private final int batchSize;

  SnapshotPublisher(
      MongoDatabase database,
      ConfirmingPublisher publisher,
      AuthorIndex authors,
      CdcMetrics metrics,
      int batchSize) {
    this.database = database;
    this.publisher = publisher;
    this.authors = authors;
    this.metrics = metrics;
    this.batchSize = batchSize;
  }

  /**
   * Publishes every document of {@code type} matching {@code filter}; returns how many were
   * published (each confirmed by the broker).
   */
  long publish(DocumentType type, Bson filter, String snapshotId, BooleanSupplier keepGoing)
      throws PublishAbortedException, InterruptedException {
    long published = 0;
    List<DocumentChanged> batch = new ArrayList<>(batchSize);
    // Every event of the scan carries the time before its first read: a lower bound of when each
    // document was read. Feature-service compares it with delete tombstones, so a document deleted
    // after the scan began is never brought back by the snapshot (a time taken after the read could
    // be later than a delete that happened in between).
    Instant scanStarted = Instant.now();
    try (MongoCursor<Document> documents =
        database
            .getCollection(type.collection())
            .find(filter)
            .sort(Sorts.ascending("_id"))
            .batchSize(batchSize)
            .iterator()) {
      while (documents.hasNext()) {
        Document stored = documents.next();
        try {
          RawDocument document = StoredDocumentMapper.toRawDocument(stored, type);
          batch.add(
              DocumentChanged.of(
                  EventIds.forSnapshot(snapshotId, type, document.id()),
                  ChangeOperation.SNAPSHOT,
                  document,
                  scanStarted));
        } catch (MalformedDocumentException e) {
          metrics.skipped(type, "malformed");
          log.warn("Snapshot {} skips a malformed {}: {}", snapshotId, type.key(), e.getMessage());
        }
        if (batch.size() >= batchSize) {
          published += flush(batch, keepGoing);
        }
      }
    }
    published += flush(batch, keepGoing);
    return published;
  }

  private int flush(List<DocumentChanged> batch, BooleanSupplier keepGoing)
      throws PublishAbortedException, InterruptedException {
    if (batch.isEmpty()) {
      return 0;
    }
    publisher.publishAll(batch, keepGoing);
    authors.remember(batch);
    int size = batch.size();
    batch.clear();
    return size;
  }
}
