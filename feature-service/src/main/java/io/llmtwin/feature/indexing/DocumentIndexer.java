package io.llmtwin.feature.indexing;

import io.llmtwin.feature.chunking.DocumentChunker;
import io.llmtwin.feature.cleaning.DocumentCleaner;
import io.llmtwin.feature.embedding.Embedder;
import io.llmtwin.featurestore.ChangeTime;
import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.featurestore.EmbeddedChunk;
import io.llmtwin.featurestore.FeatureStore;
import io.llmtwin.model.messaging.DocumentChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies one {@link DocumentChanged} to the feature store: deletes leave a tombstone and remove
 * the document and its chunks, unless the stored document came from a change after the delete (a
 * re-creation); inserts, updates and snapshots clean, chunk and embed the document, then write the
 * cleaned document (with the change's {@code occurredAt}) and replace its chunks, unless {@link
 * ChangeOrder} finds them stale (older than the stored version or than the last delete). Returns
 * only after the store confirmed every write.
 *
 * <p>Metrics: {@code llmtwin.feature.documents} (type, operation, outcome), {@code
 * llmtwin.feature.chunks} (type) and {@code llmtwin.feature.lag} (type; event time to indexed).
 */
public final class DocumentIndexer {
  private final DocumentCleaner cleaner;
  private final DocumentChunker chunker;
  private final Embedder embedder;
  private final FeatureStore store;
  private final MeterRegistry meters;
  private final Clock clock;
  private final ReentrantLock[] locks = new ReentrantLock[64];

  public DocumentIndexer(
      DocumentCleaner cleaner,
      DocumentChunker chunker,
      Embedder embedder,
      FeatureStore store,
      MeterRegistry meters,
      Clock clock) {
    this.cleaner = cleaner;
    this.chunker = chunker;
    this.embedder = embedder;
    this.store = store;
    this.meters = meters;
    this.clock = clock;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * Indexes the change; throws when any step fails (nothing is acknowledged then).
   *
   * <p>Within this indexer (one replica) changes of the same document are applied one at a time, so
   * a version fetched before the stored one is never written over it. Across replicas, which share
   * no lock, exactly this holds:
   *
   * <ul>
   *   <li>a change that did not happen after the document's latest delete is not left indexed: it
   *       is checked before embedding and the tombstone is read again after writing; a delete
   *       writes its tombstone before removing, so either its removal comes after our writes or the
   *       second read sees it, and then the document is removed again;
   *   <li>deletes never lower the tombstone (one tombstone per delete time, the latest counts);
   *   <li>not guaranteed: two versions of one document written by two replicas at the same time may
   *       leave the earlier fetched version, or the cleaned document of one version with the chunks
   *       of the other, until the document's next change; and a delete that read an older stored
   *       document may remove a re-creation another replica wrote in the instant before its removal
   *       (the document stays in MongoDB; a CDC replay restores it).
   * </ul>
   */
  public void apply(DocumentChanged event) {
    ReentrantLock lock = locks[Math.floorMod(event.documentId().hashCode(), locks.length)];
    lock.lock();
    try {
      applyLocked(event);
    } finally {
      lock.unlock();
    }
  }

  private void applyLocked(DocumentChanged event) {
    String type = event.documentType().key();
    if (event.operation().carriesDocument()) {
      Optional<CleanedDocument> stored =
          store.findCleaned(event.documentType(), event.documentId());
      if (ChangeOrder.isStale(
          event, stored, store.findDeletedAt(event.documentType(), event.documentId()))) {
        count(event, "stale");
        return;
      }
      CleanedDocument cleaned =
          cleaner
              .clean(event.document())
              .withChangedAt(ChangeOrder.changeTimeToStore(event, stored));
      List<String> texts = chunker.chunk(cleaned.type(), cleaned.content());
      List<float[]> vectors = embedder.embed(texts);
      List<EmbeddedChunk> chunks = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        chunks.add(new EmbeddedChunk(i, texts.get(i), vectors.get(i)));
      }
      store.upsertCleaned(cleaned);
      store.replaceChunks(cleaned, chunks);
      Counter.builder("llmtwin.feature.chunks")
          .description("chunks written to the feature store")
          .tag("type", type)
          .register(meters)
          .increment(chunks.size());
      // Another replica may have applied a later delete between the check above and these writes
      // (the lock only orders changes within this replica). A delete writes its tombstone before
      // removing, so either its removal came after our writes, or this read sees its tombstone.
      Optional<ChangeTime> deletedMeanwhile =
          store.findDeletedAt(event.documentType(), event.documentId());
      if (deletedMeanwhile.isPresent()
          && !ChangeTime.of(event).isAfter(deletedMeanwhile.get())
          && removeUnlessNewer(event, deletedMeanwhile.get())) {
        count(event, "stale");
        return;
      }
    } else if (!removeUnlessNewer(event, ChangeTime.of(event))) {
      count(event, "stale");
      return;
    }
    count(event, "indexed");
    Duration lag = Duration.between(event.occurredAt(), clock.instant());
    Timer.builder("llmtwin.feature.lag")
        .description("time from the change in MongoDB to the feature store confirming it")
        .tag("type", type)
        .publishPercentiles(0.5, 0.99)
        .register(meters)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /**
   * Records the delete at {@code deletedAt} (the store keeps the latest delete time, so a delete
   * delivered late cannot lower it) and removes the document, unless the stored version came from a
   * change after the latest delete. Returns whether it removed the document.
   */
  private boolean removeUnlessNewer(DocumentChanged event, ChangeTime deletedAt) {
    ChangeTime latestDelete =
        store
            .findDeletedAt(event.documentType(), event.documentId())
            .map(deletedAt::latest)
            .orElse(deletedAt);
    if (ChangeOrder.outlivesDelete(
        store.findCleaned(event.documentType(), event.documentId()), latestDelete)) {
      store.recordDeletion(event.documentType(), event.documentId(), deletedAt);
      return false;
    }
    store.deleteDocument(event.documentType(), event.documentId(), deletedAt);
    return true;
  }

  private void count(DocumentChanged event, String outcome) {
    Counter.builder("llmtwin.feature.documents")
        .description(
            "document changes consumed, by outcome (indexed; stale: skipped, or a delete older"
                + " than the stored document that only recorded its tombstone)")
        .tag("type", event.documentType().key())
        .tag("operation", event.operation().key())
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
