package io.llmtwin.featurestore;

import static io.llmtwin.featurestore.QdrantCalls.await;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.messaging.ClusterTime;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.Range;
import io.qdrant.client.grpc.Points.ReadConsistency;
import io.qdrant.client.grpc.Points.ReadConsistencyType;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link FeatureStore} on Qdrant. Every write is sent with {@code wait=true}, so it returns only
 * once Qdrant applied it. Call {@link FeatureStoreSchema#ensure()} first.
 *
 * <p>Deleting a document first records its tombstone in {@value FeatureCollections#TOMBSTONES},
 * then removes its chunks and its cleaned document. Every delete time gets its own tombstone point
 * ({@link PointIds#tombstone}) and {@link #findDeletedAt} returns the latest, so two replicas
 * applying deletes of the same document at once cannot overwrite a later delete time with an
 * earlier one (there is no read-then-write).
 *
 * <p>The reads that decide whether a change is stale ({@link #findDeletedAt}, {@link #findCleaned})
 * use read consistency {@code majority}, so on a replicated Qdrant cluster a replica that has not
 * yet applied a tombstone or a document cannot answer alone.
 *
 * <p>Replacing chunks upserts the new set first and then deletes the document's points with {@code
 * chunk_index >= newCount}, so a reader never sees a document without chunks and nothing stale is
 * left when a document shrinks.
 */
public final class QdrantFeatureStore implements FeatureStore {
  private static final int SCROLL_PAGE = 256;

  /** Read consistency of the reads that order changes: a majority of replicas must answer. */
  static final ReadConsistency STRONG_READ =
      ReadConsistency.newBuilder().setType(ReadConsistencyType.Majority).build();

  private final QdrantClient client;
  private final EmbeddingModelSpec model;
  private final Duration timeout;
  private final LexicalSparseEncoder sparseEncoder = new LexicalSparseEncoder();

  public QdrantFeatureStore(QdrantClient client, EmbeddingModelSpec model, Duration timeout) {
    this.client = client;
    this.model = model;
    this.timeout = timeout;
  }

  @Override
  public void upsertCleaned(CleanedDocument document) {
    Map<String, Value> payload = documentPayload(document);
    payload.put(FeatureCollections.CONTENT, value(document.content()));
    payload.put(FeatureCollections.CONTENT_HASH, text(document.contentHash()));
    payload.put(FeatureCollections.LANGUAGE, text(document.language()));
    payload.put(FeatureCollections.PATH, text(document.path()));
    payload.put(FeatureCollections.PUBLISHED_AT, instant(document.publishedAt()));
    payload.put(FeatureCollections.FETCHED_AT, instant(document.fetchedAt()));
    if (document.changedAt() != null) {
      putChangeTime(payload, FeatureCollections.OCCURRED_AT, document.changedAt());
    }
    PointStruct point =
        PointStruct.newBuilder()
            .setId(PointIdFactory.id(PointIds.cleaned(document.documentId())))
            .setVectors(VectorsFactory.namedVectors(Map.of()))
            .putAllPayload(payload)
            .build();
    String collection = FeatureCollections.cleaned(document.type());
    await(
        client.upsertAsync(upsert(collection, List.of(point))),
        timeout,
        "upsert " + document.documentId() + " into " + collection);
  }

  @Override
  public void replaceChunks(CleanedDocument document, List<EmbeddedChunk> chunks) {
    String collection = FeatureCollections.chunks(document.type());
    if (!chunks.isEmpty()) {
      List<PointStruct> points = new ArrayList<>(chunks.size());
      for (EmbeddedChunk chunk : chunks) {
        points.add(chunkPoint(document, chunk));
      }
      await(
          client.upsertAsync(upsert(collection, points)),
          timeout,
          "upsert " + points.size() + " chunks of " + document.documentId());
    }
    Filter stale =
        Filter.newBuilder()
            .addMust(matchKeyword(FeatureCollections.DOCUMENT_ID, document.documentId()))
            .addMust(
                range(
                    FeatureCollections.CHUNK_INDEX,
                    Range.newBuilder().setGte(chunks.size()).build()))
            .build();
    await(
        client.deleteAsync(delete(collection, PointsSelector.newBuilder().setFilter(stale))),
        timeout,
        "delete stale chunks of " + document.documentId());
  }

  @Override
  public void recordDeletion(DocumentType type, String documentId, ChangeTime deletedAt) {
    Map<String, Value> payload = new HashMap<>();
    payload.put(FeatureCollections.DOCUMENT_ID, value(documentId));
    payload.put(FeatureCollections.DOCUMENT_TYPE, value(type.key()));
    putChangeTime(payload, FeatureCollections.DELETED_AT, deletedAt);
    PointStruct tombstone =
        PointStruct.newBuilder()
            .setId(PointIdFactory.id(PointIds.tombstone(type, documentId, deletedAt)))
            .setVectors(VectorsFactory.namedVectors(Map.of()))
            .putAllPayload(payload)
            .build();
    await(
        client.upsertAsync(upsert(FeatureCollections.TOMBSTONES, List.of(tombstone))),
        timeout,
        "record the deletion of " + documentId);
  }

  @Override
  public void deleteDocument(DocumentType type, String documentId, ChangeTime deletedAt) {
    recordDeletion(type, documentId, deletedAt);
    Filter ofDocument =
        Filter.newBuilder()
            .addMust(matchKeyword(FeatureCollections.DOCUMENT_ID, documentId))
            .build();
    await(
        client.deleteAsync(
            delete(
                FeatureCollections.chunks(type),
                PointsSelector.newBuilder().setFilter(ofDocument))),
        timeout,
        "delete the chunks of " + documentId);
    await(
        client.deleteAsync(
            delete(
                FeatureCollections.cleaned(type),
                PointsSelector.newBuilder()
                    .setPoints(
                        PointsIdsList.newBuilder()
                            .addIds(PointIdFactory.id(PointIds.cleaned(documentId)))))),
        timeout,
        "delete cleaned document " + documentId);
  }

  @Override
  public Optional<CleanedDocument> findCleaned(DocumentType type, String documentId) {
    List<RetrievedPoint> found =
        await(
            client.retrieveAsync(
                FeatureCollections.cleaned(type),
                List.of(PointIdFactory.id(PointIds.cleaned(documentId))),
                true,
                false,
                STRONG_READ),
            timeout,
            "read cleaned document " + documentId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Value> p = found.get(0).getPayloadMap();
    return Optional.of(
        new CleanedDocument(
            string(p, FeatureCollections.DOCUMENT_ID),
            type,
            string(p, FeatureCollections.AUTHOR_ID),
            Platform.parse(string(p, FeatureCollections.PLATFORM)),
            string(p, FeatureCollections.LINK),
            string(p, FeatureCollections.TITLE),
            instantOrNull(p, FeatureCollections.PUBLISHED_AT),
            string(p, FeatureCollections.CONTENT_HASH),
            string(p, FeatureCollections.LANGUAGE),
            string(p, FeatureCollections.PATH),
            instantOrNull(p, FeatureCollections.FETCHED_AT),
            string(p, FeatureCollections.CONTENT),
            changeTime(p, FeatureCollections.OCCURRED_AT)));
  }

  @Override
  public Optional<ChangeTime> findDeletedAt(DocumentType type, String documentId) {
    Filter ofDocument =
        Filter.newBuilder()
            .addMust(matchKeyword(FeatureCollections.DOCUMENT_ID, documentId))
            .addMust(matchKeyword(FeatureCollections.DOCUMENT_TYPE, type.key()))
            .build();
    ScrollPoints.Builder request =
        ScrollPoints.newBuilder()
            .setCollectionName(FeatureCollections.TOMBSTONES)
            .setFilter(ofDocument)
            .setLimit(SCROLL_PAGE)
            .setWithPayload(WithPayloadSelectorFactory.enable(true))
            .setReadConsistency(STRONG_READ);
    ChangeTime latest = null;
    while (true) {
      ScrollResponse page =
          await(
              client.scrollAsync(request.build()), timeout, "read the tombstones of " + documentId);
      for (RetrievedPoint point : page.getResultList()) {
        ChangeTime deletedAt = changeTime(point.getPayloadMap(), FeatureCollections.DELETED_AT);
        if (deletedAt != null) {
          latest = latest == null ? deletedAt : latest.latest(deletedAt);
        }
      }
      if (!page.hasNextPageOffset() || page.getResultCount() == 0) {
        return Optional.ofNullable(latest);
      }
      request.setOffset(page.getNextPageOffset());
    }
  }

  @Override
  public List<StoredChunk> findChunks(DocumentType type, String documentId) {
    Filter ofDocument =
        Filter.newBuilder()
            .addMust(matchKeyword(FeatureCollections.DOCUMENT_ID, documentId))
            .build();
    List<StoredChunk> chunks = new ArrayList<>();
    ScrollPoints.Builder request =
        ScrollPoints.newBuilder()
            .setCollectionName(FeatureCollections.chunks(type))
            .setFilter(ofDocument)
            .setLimit(SCROLL_PAGE)
            .setWithPayload(WithPayloadSelectorFactory.enable(true));
    while (true) {
      ScrollResponse page =
          await(client.scrollAsync(request.build()), timeout, "read chunks of " + documentId);
      for (RetrievedPoint point : page.getResultList()) {
        Map<String, Value> p = point.getPayloadMap();
        chunks.add(
            new StoredChunk(
                point.getId().getUuid(),
                string(p, FeatureCollections.DOCUMENT_ID),
                (int) p.get(FeatureCollections.CHUNK_INDEX).getIntegerValue(),
                string(p, FeatureCollections.TEXT),
                string(p, FeatureCollections.AUTHOR_ID),
                Platform.parse(string(p, FeatureCollections.PLATFORM)),
                string(p, FeatureCollections.LINK),
                string(p, FeatureCollections.TITLE),
                string(p, FeatureCollections.EMBEDDING_MODEL)));
      }
      if (!page.hasNextPageOffset() || page.getResultCount() == 0) {
        break;
      }
      request.setOffset(page.getNextPageOffset());
    }
    chunks.sort(Comparator.comparingInt(StoredChunk::index));
    return chunks;
  }

  /** Upsert that answers only once the points are applied ({@code wait=true}). */
  private static UpsertPoints upsert(String collection, List<PointStruct> points) {
    return UpsertPoints.newBuilder()
        .setCollectionName(collection)
        .addAllPoints(points)
        .setWait(true)
        .build();
  }

  /** Delete that answers only once applied ({@code wait=true}). */
  private static DeletePoints delete(String collection, PointsSelector.Builder selector) {
    return DeletePoints.newBuilder()
        .setCollectionName(collection)
        .setPoints(selector)
        .setWait(true)
        .build();
  }

  private PointStruct chunkPoint(CleanedDocument document, EmbeddedChunk chunk) {
    if (chunk.embedding().length != model.dimension()) {
      throw new IllegalArgumentException(
          "chunk %d of %s has %d dimensions, the store expects %d (%s)"
              .formatted(
                  chunk.index(),
                  document.documentId(),
                  chunk.embedding().length,
                  model.dimension(),
                  model.modelId()));
    }
    LexicalVector lexical = sparseEncoder.encodeDocument(chunk.text());
    Map<String, Vector> vectors = new HashMap<>();
    vectors.put(FeatureCollections.DENSE_VECTOR, VectorFactory.vector(chunk.embedding()));
    if (!lexical.isEmpty()) {
      vectors.put(
          FeatureCollections.SPARSE_VECTOR,
          VectorFactory.vector(lexical.values(), lexical.indices()));
    }
    Map<String, Value> payload = documentPayload(document);
    payload.put(FeatureCollections.CHUNK_INDEX, value(chunk.index()));
    payload.put(FeatureCollections.TEXT, value(chunk.text()));
    payload.put(FeatureCollections.EMBEDDING_MODEL, value(model.modelId()));
    return PointStruct.newBuilder()
        .setId(PointIdFactory.id(PointIds.chunk(document.documentId(), chunk.index())))
        .setVectors(VectorsFactory.namedVectors(vectors))
        .putAllPayload(payload)
        .build();
  }

  private static Map<String, Value> documentPayload(CleanedDocument document) {
    Map<String, Value> payload = new HashMap<>();
    payload.put(FeatureCollections.DOCUMENT_ID, value(document.documentId()));
    payload.put(FeatureCollections.DOCUMENT_TYPE, value(document.type().key()));
    payload.put(FeatureCollections.AUTHOR_ID, value(document.authorId()));
    payload.put(FeatureCollections.PLATFORM, value(document.platform().key()));
    payload.put(FeatureCollections.LINK, text(document.link()));
    payload.put(FeatureCollections.TITLE, text(document.title()));
    return payload;
  }

  private static Value text(String text) {
    return text == null ? nullValue() : value(text);
  }

  private static Value instant(Instant instant) {
    return instant == null ? nullValue() : value(instant.toString());
  }

  /** Writes the wall-clock time under {@code key} and the cluster time, when known. */
  private static void putChangeTime(Map<String, Value> payload, String key, ChangeTime time) {
    payload.put(key, value(time.at().toString()));
    if (time.clusterTime() != null) {
      payload.put(FeatureCollections.CLUSTER_TIME, value(time.clusterTime().value()));
    }
  }

  /** The change time stored under {@code key} (and the cluster time); null when absent. */
  private static ChangeTime changeTime(Map<String, Value> payload, String key) {
    Instant at = instantOrNull(payload, key);
    if (at == null) {
      return null;
    }
    Value cluster = payload.get(FeatureCollections.CLUSTER_TIME);
    return new ChangeTime(
        at,
        cluster == null || !cluster.hasIntegerValue()
            ? null
            : ClusterTime.ofValue(cluster.getIntegerValue()));
  }

  private static Instant instantOrNull(Map<String, Value> payload, String key) {
    String text = string(payload, key);
    return text == null ? null : Instant.parse(text);
  }

  private static String string(Map<String, Value> payload, String key) {
    Value v = payload.get(key);
    return v == null || v.hasNullValue() ? null : v.getStringValue();
  }
}
