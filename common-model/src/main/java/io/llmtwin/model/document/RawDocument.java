package io.llmtwin.model.document;

import java.time.Instant;
import java.util.Objects;

/**
 * A document as the crawler stores it in MongoDB: the author's own text (or code) with where and
 * when it was published. Articles and posts carry Markdown-like text; repository files carry the
 * source byte-for-byte (as UTF-8 text) with {@code path} and {@code language} set.
 *
 * @param id deterministic id derived from the canonical URL (or repository URL + path)
 * @param type the document type
 * @param authorId id of the author who wrote it
 * @param platform where it was published
 * @param link canonical URL
 * @param title title (file path for code)
 * @param content the text; never null, may be empty
 * @param publishedAt publication time when known, else null
 * @param fetchedAt when the crawler fetched it
 * @param contentHash SHA-256 hex of {@code content}
 * @param language natural language (articles, posts) or programming language (code), may be null
 * @param path path inside the repository for code, else null
 */
public record RawDocument(
    String id,
    DocumentType type,
    String authorId,
    Platform platform,
    String link,
    String title,
    String content,
    Instant publishedAt,
    Instant fetchedAt,
    String contentHash,
    String language,
    String path) {

  public RawDocument {
    requireText(id, "id");
    Objects.requireNonNull(type, "type");
    requireText(authorId, "authorId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(content, "content");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
