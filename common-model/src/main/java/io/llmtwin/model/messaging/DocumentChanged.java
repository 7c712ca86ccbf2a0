package io.llmtwin.model.messaging;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.RawDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * The change-data-capture message: one change of one crawled document, published by the crawler's
 * CDC watcher and consumed by the feature pipeline. Documented in {@code docs/api/messages.md}.
 *
 * @param schemaVersion version of this contract, {@link #SCHEMA_VERSION} for messages written now
 * @param eventId deterministic id of the change (derived from the change stream's resume token), so
 *     consumers can deduplicate redeliveries
 * @param operation insert, update, delete or snapshot
 * @param documentType type of the document
 * @param documentId id of the document
 * @param authorId author of the document; on a {@code DELETE} it may be null when the deleted
 *     document was never seen by the publisher (the change event of a delete no longer carries it)
 * @param contentHash SHA-256 of the content for non-deletes, else null
 * @param occurredAt when the change happened in MongoDB
 * @param document the full document for every operation except delete, where it is null
 * @param clusterTime MongoDB's cluster time of the change, which orders changes of the same second;
 *     null for snapshots (read, not changed) and in messages of publishers that did not send it
 */
public record DocumentChanged(
    int schemaVersion,
    String eventId,
    ChangeOperation operation,
    DocumentType documentType,
    String documentId,
    String authorId,
    String contentHash,
    Instant occurredAt,
    RawDocument document,
    ClusterTime clusterTime) {

  /** The schema version this code writes. Readers accept any version up to this one. */
  public static final int SCHEMA_VERSION = 1;

  public DocumentChanged {
    if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
      throw new IllegalArgumentException("unsupported schema version " + schemaVersion);
    }
    requireText(eventId, "eventId");
    Objects.requireNonNull(operation, "operation is required");
    Objects.requireNonNull(documentType, "documentType is required");
    requireText(documentId, "documentId");
    if (operation != ChangeOperation.DELETE || authorId != null) {
      requireText(authorId, "authorId");
    }
    Objects.requireNonNull(occurredAt, "occurredAt is required");
    if (operation.carriesDocument()) {
      Objects.requireNonNull(document, () -> operation.key() + " events carry the document");
      if (!document.id().equals(documentId) || document.type() != documentType) {
        throw new IllegalArgumentException("document does not match documentId/documentType");
      }
    } else if (document != null) {
      throw new IllegalArgumentException("delete events carry no document");
    }
    if (operation == ChangeOperation.SNAPSHOT && clusterTime != null) {
      throw new IllegalArgumentException("snapshot events carry no cluster time");
    }
  }

  /** A message without a cluster time (the contract before the field existed). */
  public DocumentChanged(
      int schemaVersion,
      String eventId,
      ChangeOperation operation,
      DocumentType documentType,
      String documentId,
      String authorId,
      String contentHash,
      Instant occurredAt,
      RawDocument document) {
    this(
        schemaVersion,
        eventId,
        operation,
        documentType,
        documentId,
        authorId,
        contentHash,
        occurredAt,
        document,
        null);
  }

  /** This change with MongoDB's cluster time of it. */
  public DocumentChanged withClusterTime(ClusterTime clusterTime) {
    return new DocumentChanged(
        schemaVersion,
        eventId,
        operation,
        documentType,
        documentId,
        authorId,
        contentHash,
        occurredAt,
        document,
        clusterTime);
  }

  /** An insert, update or snapshot of {@code document}. */
  public static DocumentChanged of(
      String eventId, ChangeOperation operation, RawDocument document, Instant occurredAt) {
    return new DocumentChanged(
        SCHEMA_VERSION,
        eventId,
        operation,
        document.type(),
        document.id(),
        document.authorId(),
        document.contentHash(),
        occurredAt,
        document);
  }

  /**
   * A delete of the document with the given id; {@code authorId} is null when the publisher does
   * not know the author of the deleted document.
   */
  public static DocumentChanged deleted(
      String eventId, DocumentType type, String documentId, String authorId, Instant occurredAt) {
    return new DocumentChanged(
        SCHEMA_VERSION,
        eventId,
        ChangeOperation.DELETE,
        type,
        documentId,
        authorId,
        null,
        occurredAt,
        null);
  }

  /** The routing key this message is published with: {@code <type>.<operation>}. */
  public String routingKey() {
    return Messaging.routingKey(documentType, operation);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
