package io.llmtwin.featurestore.retrieval;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.time.Instant;

/**
 * One retrieved chunk with its source.
 *
 * @param pointId Qdrant point id of the chunk
 * @param documentId id of the document the chunk was cut from
 * @param chunkIndex position of the chunk in its document
 * @param text the chunk text
 * @param authorId author (tenant) of the document
 * @param type document type
 * @param platform where the document was published
 * @param link canonical URL, may be null
 * @param title title (file path for code), may be null
 * @param publishedAt publication time, null when unknown
 * @param score relevance after fusion across query variants and types (higher is better)
 */
public record RetrievedChunk(
    String pointId,
    String documentId,
    int chunkIndex,
    String text,
    String authorId,
    DocumentType type,
    Platform platform,
    String link,
    String title,
    Instant publishedAt,
    double score) {

  /** This chunk with another score. */
  public RetrievedChunk withScore(double newScore) {
    return new RetrievedChunk(
        pointId,
        documentId,
        chunkIndex,
        text,
        authorId,
        type,
        platform,
        link,
        title,
        publishedAt,
        newScore);
  }

  /** This chunk with another publication time. */
  public RetrievedChunk withPublishedAt(Instant newPublishedAt) {
    return new RetrievedChunk(
        pointId,
        documentId,
        chunkIndex,
        text,
        authorId,
        type,
        platform,
        link,
        title,
        newPublishedAt,
        score);
  }
}
