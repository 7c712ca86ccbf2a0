package io.llmtwin.featurestore;

import io.llmtwin.model.document.DocumentType;
import java.util.List;
import java.util.Optional;

/**
 * The feature store: cleaned documents and their embedded chunks, per document type. Every write
 * returns only after the store confirmed it, and is idempotent (deterministic point ids), so a
 * redelivered message changes nothing.
 */
public interface FeatureStore {

  /**
   * Inserts or replaces the cleaned document, including its {@link CleanedDocument#changedAt()}.
   */
  void upsertCleaned(CleanedDocument document);

  /**
   * Makes {@code chunks} the complete set of chunks of the document: chunks with an index at or
   * past {@code chunks.size()} left from a longer earlier version are removed.
   */
  void replaceChunks(CleanedDocument document, List<EmbeddedChunk> chunks);

  /**
   * Records that the document was deleted at {@code deletedAt} without removing it: for a delete
   * that happened before the change the stored document was written for ({@link
   * CleanedDocument#changedAt()}). An earlier delete time never replaces a later one.
   */
  void recordDeletion(DocumentType type, String documentId, ChangeTime deletedAt);

  /**
   * Records that the document was deleted at {@code deletedAt} (a tombstone, see {@link
   * #recordDeletion}; an earlier delete time never replaces a later one, even when two callers
   * delete at once), then removes the cleaned document and all its chunks, if any. Readers of
   * cleaned documents and chunks never see tombstones; {@link #findDeletedAt} reads them.
   */
  void deleteDocument(DocumentType type, String documentId, ChangeTime deletedAt);

  /**
   * The latest time ({@link ChangeTime#isAfter}) the document was deleted according to its
   * tombstones; empty when it never was. Reads with the store's strongest practical consistency, as
   * the answer decides what is stale.
   */
  Optional<ChangeTime> findDeletedAt(DocumentType type, String documentId);

  /** The cleaned document with this id, if stored. */
  Optional<CleanedDocument> findCleaned(DocumentType type, String documentId);

  /** All chunks of the document ordered by index; empty when none exist. */
  List<StoredChunk> findChunks(DocumentType type, String documentId);
}
