package io.llmtwin.featurestore;

import io.llmtwin.model.document.Platform;

/**
 * A chunk as read back from {@code chunks_<type>} (payload only, without vectors).
 *
 * @param pointId the point's UUID
 * @param documentId id of the document the chunk belongs to
 * @param index position in the document
 * @param text chunk text
 * @param authorId author (tenant)
 * @param platform where the document was published
 * @param link canonical URL, may be null
 * @param title document title, may be null
 * @param embeddingModel id of the model that embedded it
 */
public record StoredChunk(
    String pointId,
    String documentId,
    int index,
    String text,
    String authorId,
    Platform platform,
    String link,
    String title,
    String embeddingModel) {}
