package io.llmtwin.featurestore;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.time.Instant;
import java.util.Objects;

/**
 * A document after cleaning, as stored in {@code cleaned_<type>}: what training reads and what the
 * chunks were cut from.
 *
 * @param documentId id of the source document
 * @param type document type
 * @param authorId author (tenant)
 * @param platform where it was published
 * @param link canonical URL, may be null
 * @param title title (file path for code), may be null
 * @param publishedAt publication time, may be null
 * @param contentHash SHA-256 hex of the raw content it was cleaned from, may be null
 * @param language natural or programming language, may be null
 * @param path repository path for code, may be null
 * @param fetchedAt when the crawler fetched the version this was cleaned from, may be null; a
 *     version fetched earlier than the stored one is stale and not written over it
 * @param content the cleaned text
 * @param changedAt when the change this version came from happened in MongoDB (the CDC event's
 *     {@code occurredAt} and cluster time), may be null when unknown; a delete that happened before
 *     it does not remove the document, which a later re-creation brought back
 */
public record CleanedDocument(
    String documentId,
    DocumentType type,
    String authorId,
    Platform platform,
    String link,
    String title,
    Instant publishedAt,
    String contentHash,
    String language,
    String path,
    Instant fetchedAt,
    String content,
    ChangeTime changedAt) {

  public CleanedDocument {
    if (documentId == null || documentId.isBlank()) {
      throw new IllegalArgumentException("documentId is required");
    }
    Objects.requireNonNull(type, "type");
    if (authorId == null || authorId.isBlank()) {
      throw new IllegalArgumentException("authorId is required");
    }
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(content, "content");
  }

  /** A cleaned document whose change time is not known. */
  public CleanedDocument(
      String documentId,
      DocumentType type,
      String authorId,
      Platform platform,
      String link,
      String title,
      Instant publishedAt,
      String contentHash,
      String language,
      String path,
      Instant fetchedAt,
      String content) {
    this(
        documentId,
        type,
        authorId,
        platform,
        link,
        title,
        publishedAt,
        contentHash,
        language,
        path,
        fetchedAt,
        content,
        null);
  }

  /** This document as written for the change that happened at {@code changedAt}. */
  public CleanedDocument withChangedAt(ChangeTime changedAt) {
    return new CleanedDocument(
        documentId,
        type,
        authorId,
        platform,
        link,
        title,
        publishedAt,
        contentHash,
        language,
        path,
        fetchedAt,
        content,
        changedAt);
  }
}
