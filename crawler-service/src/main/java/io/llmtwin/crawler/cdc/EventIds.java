package io.llmtwin.crawler.cdc;

import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Deterministic event ids: the same change always gets the same id, so a change re-published after
 * a crash can be recognised by consumers.
 */
final class EventIds {
  private EventIds() {}

  /** The id of the change event with this resume token. */
  static String forResumeToken(BsonDocument resumeToken) {
    BsonValue data = resumeToken.get("_data");
    String key =
        data != null && data.isString() ? data.asString().getValue() : resumeToken.toJson();
    return DocumentIds.nameUuid("cdc-change:" + key).toString();
  }

  /** The id of one document's event within the snapshot run {@code snapshotId}. */
  static String forSnapshot(String snapshotId, DocumentType type, String documentId) {
    return DocumentIds.nameUuid("cdc-snapshot:" + snapshotId + ":" + type.key() + ":" + documentId)
        .toString();
  }
}
