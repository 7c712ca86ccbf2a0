package io.llmtwin.crawler.cdc;

import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Reads a crawled document as stored in MongoDB ({@code _id} plus the fields of {@link
 * RawDocument}) without trusting it: anything that does not fit raises {@link
 * MalformedDocumentException} with a reason, never a runtime exception.
 */
final class StoredDocumentMapper {
  private StoredDocumentMapper() {}

  /** The id of a stored document as the messages carry it. */
  static String idOf(Object id) throws MalformedDocumentException {
    if (id instanceof String text && !text.isBlank()) {
      return text;
    }
    if (id instanceof ObjectId objectId) {
      return objectId.toHexString();
    }
    if (id instanceof org.bson.BsonString bson && !bson.getValue().isBlank()) {
      return bson.getValue();
    }
    if (id instanceof org.bson.BsonObjectId bson) {
      return bson.getValue().toHexString();
    }
    throw new MalformedDocumentException("document has no usable _id: " + id);
  }

  /** Maps a document read from the collection of {@code collectionType}. */
  static RawDocument toRawDocument(Document stored, DocumentType collectionType)
      throws MalformedDocumentException {
    if (stored == null) {
      throw new MalformedDocumentException("document is missing (deleted before lookup?)");
    }
    String id = idOf(stored.get("_id"));
    try {
      DocumentType type = collectionType;
      Object storedType = stored.get("type");
      if (storedType != null && DocumentType.parse(storedType.toString()) != collectionType) {
        throw new MalformedDocumentException(
            "document " + id + " has type " + storedType + " but lives in " + collectionType);
      }
      String content = text(stored, "content", id);
      if (content == null) {
        throw new MalformedDocumentException("document " + id + " has no content");
      }
      String hash = text(stored, "contentHash", id);
      return new RawDocument(
          id,
          type,
          text(stored, "authorId", id),
          Platform.parse(text(stored, "platform", id)),
          text(stored, "link", id),
          text(stored, "title", id),
          content,
          instant(stored, "publishedAt", id),
          instant(stored, "fetchedAt", id),
          hash == null ? DocumentIds.contentHash(content) : hash,
          text(stored, "language", id),
          text(stored, "path", id));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedDocumentException("document " + id + ": " + e.getMessage(), e);
    }
  }

  private static String text(Document stored, String field, String id)
      throws MalformedDocumentException {
    Object value = stored.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      return text;
    }
    throw new MalformedDocumentException(
        "document " + id + ": field " + field + " is not a string");
  }

  private static Instant instant(Document stored, String field, String id)
      throws MalformedDocumentException {
    Object value = stored.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new MalformedDocumentException(
            "document " + id + ": field " + field + " is not a date", e);
      }
    }
    throw new MalformedDocumentException("document " + id + ": field " + field + " is not a date");
  }
}
