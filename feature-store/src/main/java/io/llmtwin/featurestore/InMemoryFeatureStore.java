package io.llmtwin.featurestore;

import io.llmtwin.model.document.DocumentType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link FeatureStore} in memory with the same semantics as {@link QdrantFeatureStore}, for tests
 * and for running a service without Qdrant. Not persistent; no vector search.
 */
public final class InMemoryFeatureStore implements FeatureStore {
  private record Key(DocumentType type, String documentId) {}

  private final Map<Key, CleanedDocument> cleaned = new ConcurrentHashMap<>();
  private final Map<Key, List<StoredChunk>> chunks = new ConcurrentHashMap<>();
  private final Map<Key, ChangeTime> tombstones = new ConcurrentHashMap<>();
  private final String embeddingModel;

  public InMemoryFeatureStore(String embeddingModel) {
    this.embeddingModel = embeddingModel;
  }

  @Override
  public void upsertCleaned(CleanedDocument document) {
    cleaned.put(new Key(document.type(), document.documentId()), document);
  }

  @Override
  public void replaceChunks(CleanedDocument document, List<EmbeddedChunk> newChunks) {
    List<StoredChunk> stored = new ArrayList<>(newChunks.size());
    for (EmbeddedChunk chunk : newChunks) {
      stored.add(
          new StoredChunk(
              PointIds.chunk(document.documentId(), chunk.index()).toString(),
              document.documentId(),
              chunk.index(),
              chunk.text(),
              document.authorId(),
              document.platform(),
              document.link(),
              document.title(),
              embeddingModel));
    }
    stored.sort(Comparator.comparingInt(StoredChunk::index));
    chunks.put(new Key(document.type(), document.documentId()), List.copyOf(stored));
  }

  @Override
  public void recordDeletion(DocumentType type, String documentId, ChangeTime deletedAt) {
    tombstones.merge(new Key(type, documentId), deletedAt, ChangeTime::latest);
  }

  @Override
  public void deleteDocument(DocumentType type, String documentId, ChangeTime deletedAt) {
    Key key = new Key(type, documentId);
    recordDeletion(type, documentId, deletedAt);
    chunks.remove(key);
    cleaned.remove(key);
  }

  @Override
  public Optional<CleanedDocument> findCleaned(DocumentType type, String documentId) {
    return Optional.ofNullable(cleaned.get(new Key(type, documentId)));
  }

  @Override
  public Optional<ChangeTime> findDeletedAt(DocumentType type, String documentId) {
    return Optional.ofNullable(tombstones.get(new Key(type, documentId)));
  }

  @Override
  public List<StoredChunk> findChunks(DocumentType type, String documentId) {
    return chunks.getOrDefault(new Key(type, documentId), List.of());
  }
}
