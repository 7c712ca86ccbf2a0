package io.llmtwin.training.dataset;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.util.Objects;

/**
 * A cleaned document of an author as the feature store holds it in {@code cleaned_<type>}.
 *
 * @param documentId id of the source document
 * @param type document type
 * @param authorId author (tenant)
 * @param platform where it was published
 * @param title title (file path for code), may be null
 * @param content the cleaned text
 */
public record SourceDocument(
    String documentId,
    DocumentType type,
    String authorId,
    Platform platform,
    String title,
    String content) {

  /** Validates the required fields. */
  public SourceDocument {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(content, "content");
  }
}
