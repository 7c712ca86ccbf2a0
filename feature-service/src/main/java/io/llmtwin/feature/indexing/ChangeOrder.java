package io.llmtwin.feature.indexing;

import io.llmtwin.featurestore.ChangeTime;
import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a change arrived too late to be applied. Messages of one document can be
 * delivered out of order (several consumers; a failed message comes back through the retry queue
 * after later ones were applied), so every change is compared with what the store holds:
 *
 * <ul>
 *   <li>against the tombstone of a delete, by {@link ChangeTime} (MongoDB's cluster time when both
 *       sides carry one, else {@link DocumentChanged#occurredAt()}; a delete carries nothing else):
 *       a change that did not happen after the delete is stale, so a late insert or update cannot
 *       resurrect a deleted document, while a document re-created later, also within the same
 *       second, is indexed again. Equal times count as stale: without cluster times, MongoDB
 *       without wall times in change events gives whole seconds, and keeping a deleted document
 *       deleted is the safer error;
 *   <li>against the stored cleaned document, by the version's {@code fetchedAt}: a version fetched
 *       before the stored one is stale.
 * </ul>
 *
 * <p>A delete is compared with the stored document's {@link CleanedDocument#changedAt()}: a delete
 * that happened before the change the stored document came from records its tombstone but does not
 * remove the document ({@link #outlivesDelete}).
 */
final class ChangeOrder {
  private ChangeOrder() {}

  /**
   * True when {@code change} (an insert, update or snapshot) must be skipped.
   *
   * @param stored the cleaned document the store holds, if any
   * @param deletedAt the time of the document's tombstone, if it was ever deleted
   */
  static boolean isStale(
      DocumentChanged change, Optional<CleanedDocument> stored, Optional<ChangeTime> deletedAt) {
    if (deletedAt.isPresent() && !ChangeTime.of(change).isAfter(deletedAt.get())) {
      return true;
    }
    Instant incoming = change.document().fetchedAt();
    if (incoming == null) {
      return false;
    }
    return stored
        .map(CleanedDocument::fetchedAt)
        .map(fetched -> fetched.isAfter(incoming))
        .orElse(false);
  }

  /**
   * The change time to store with the document {@code change} writes: its own for an insert or
   * update (MongoDB's times of that change), but for a snapshot the one already stored, if any. A
   * snapshot's time is the crawler's clock when its scan started, not when MongoDB changed the
   * document, so it must never let the document outlive a delete ({@link #outlivesDelete}): a
   * delete arriving after the snapshot removes it, as it should.
   */
  static ChangeTime changeTimeToStore(DocumentChanged change, Optional<CleanedDocument> stored) {
    if (change.operation() == ChangeOperation.SNAPSHOT) {
      return stored.map(CleanedDocument::changedAt).orElse(null);
    }
    return ChangeTime.of(change);
  }

  /**
   * True when the stored document must survive a delete whose latest tombstone time is {@code
   * deletedAt}: it was written for a change (a re-creation) that happened after every delete, which
   * then arrived after that change. Only the tombstone is recorded then; it stays earlier than the
   * stored change, so a still older insert stays stale while the re-created document and its later
   * changes stay indexed. A document stored without its change time is removed, as before.
   */
  static boolean outlivesDelete(Optional<CleanedDocument> stored, ChangeTime deletedAt) {
    return stored
        .map(CleanedDocument::changedAt)
        .map(changed -> changed.isAfter(deletedAt))
        .orElse(false);
  }
}
