package io.llmtwin.featurestore;

import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import java.util.UUID;

/**
 * Deterministic point ids, so writing the same document twice overwrites instead of duplicating.
 */
public final class PointIds {
  private PointIds() {}

  /** Id of the cleaned-document point: the document id itself when it is a UUID. */
  public static UUID cleaned(String documentId) {
    if (documentId.length() == 36) {
      try {
        UUID uuid = UUID.fromString(documentId);
        if (uuid.toString().equalsIgnoreCase(documentId)) {
          return uuid;
        }
      } catch (IllegalArgumentException notAUuid) {
        // fall through to a name-based id
      }
    }
    return DocumentIds.nameUuid(documentId);
  }

  /** Id of chunk {@code chunkIndex} of a document: {@code nameUuid(documentId + "#" + index)}. */
  public static UUID chunk(String documentId, int chunkIndex) {
    if (chunkIndex < 0) {
      throw new IllegalArgumentException("chunk index must not be negative");
    }
    return DocumentIds.nameUuid(documentId + "#" + chunkIndex);
  }

  /**
   * Id of the tombstone a delete at {@code deletedAt} leaves: {@code nameUuid("tombstone#" +
   * type.key() + "#" + documentId + "#" + deletedAt.at())} ({@code at} in ISO-8601), followed by
   * {@code "#" + clusterTime.value()} when the delete has a cluster time. One point per delete, so
   * concurrent deletes never overwrite each other and a redelivered delete writes the same point
   * again.
   */
  public static UUID tombstone(DocumentType type, String documentId, ChangeTime deletedAt) {
    String name = "tombstone#" + type.key() + "#" + documentId + "#" + deletedAt.at();
    if (deletedAt.clusterTime() != null) {
      name += "#" + deletedAt.clusterTime().value();
    }
    return DocumentIds.nameUuid(name);
  }
}
