package io.llmtwin.featurestore;

import static io.llmtwin.featurestore.QdrantCalls.await;
import static io.qdrant.client.ValueFactory.value;

import io.llmtwin.model.document.DocumentType;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the feature store's collections idempotently and guards them against a change of
 * embedding model.
 *
 * <p>For every document type: {@code cleaned_<type>} (payload only) and {@code chunks_<type>}
 * (dense vector {@value FeatureCollections#DENSE_VECTOR}, cosine, with the model's size; sparse
 * vector {@value FeatureCollections#SPARSE_VECTOR} with the IDF modifier), each with payload
 * indexes on author id (the tenant key), document id and platform. The model that built each chunks
 * collection is recorded in {@value FeatureCollections#META}; {@link #ensure()} throws {@link
 * EmbeddingModelMismatchException} when it differs from the configured one. Deleted documents leave
 * tombstones in {@value FeatureCollections#TOMBSTONES} (payload only, read by a filter on document
 * id and type, both indexed).
 */
public final class FeatureStoreSchema {
  private static final Logger log = LoggerFactory.getLogger(FeatureStoreSchema.class);

  private final QdrantClient client;
  private final EmbeddingModelSpec model;
  private final Duration timeout;

  public FeatureStoreSchema(QdrantClient client, EmbeddingModelSpec model, Duration timeout) {
    this.client = client;
    this.model = model;
    this.timeout = timeout;
  }

  /** Creates whatever is missing and verifies the recorded embedding model of every type. */
  public void ensure() {
    ensurePayloadOnly(FeatureCollections.META, false);
    if (!exists(FeatureCollections.TOMBSTONES)) {
      createIfAbsent(
          CreateCollection.newBuilder().setCollectionName(FeatureCollections.TOMBSTONES).build());
      createIndex(
          FeatureCollections.TOMBSTONES,
          FeatureCollections.DOCUMENT_ID,
          PayloadSchemaType.Keyword,
          null);
      createIndex(
          FeatureCollections.TOMBSTONES,
          FeatureCollections.DOCUMENT_TYPE,
          PayloadSchemaType.Keyword,
          null);
    }
    for (DocumentType type : DocumentType.values()) {
      ensurePayloadOnly(FeatureCollections.cleaned(type), true);
      ensureChunks(type);
    }
  }

  /**
   * Deletes what a rebuild recomputes from MongoDB: the cleaned documents, the chunks and the model
   * record, e.g. before re-indexing with another embedding model through the CDC replay. Keeps
   * {@value FeatureCollections#TOMBSTONES}: deletes are no longer in MongoDB, and without their
   * tombstones a change still waiting in the retry queue could resurrect a deleted document.
   * Collections that do not exist are skipped; call {@link #ensure()} afterwards.
   */
  public void dropForRebuild() {
    List<String> names = new ArrayList<>();
    for (DocumentType type : DocumentType.values()) {
      names.add(FeatureCollections.cleaned(type));
      names.add(FeatureCollections.chunks(type));
    }
    names.add(FeatureCollections.META);
    drop(names);
  }

  /**
   * Deletes every collection of the feature store, the tombstones included: for tests and for
   * retiring a store, never for a rebuild ({@link #dropForRebuild()}).
   */
  public void wipeAll() {
    dropForRebuild();
    drop(List.of(FeatureCollections.TOMBSTONES));
  }

  private void drop(List<String> names) {
    for (String name : names) {
      if (exists(name)) {
        await(client.deleteCollectionAsync(name), timeout, "delete collection " + name);
        log.info("Deleted Qdrant collection {}", name);
      }
    }
  }

  /** Verifies (or records, the first time) the model of {@code chunks_<type>}. */
  void verifyModel(DocumentType type) {
    String collection = FeatureCollections.chunks(type);
    var id = PointIdFactory.id(PointIds.cleaned("meta#" + collection));
    List<RetrievedPoint> found =
        await(
            client.retrieveAsync(FeatureCollections.META, List.of(id), true, false, null),
            timeout,
            "read the model of " + collection);
    if (found.isEmpty()) {
      PointStruct point =
          PointStruct.newBuilder()
              .setId(id)
              .setVectors(VectorsFactory.namedVectors(Map.of()))
              .putAllPayload(
                  Map.of(
                      FeatureCollections.COLLECTION, value(collection),
                      FeatureCollections.EMBEDDING_MODEL, value(model.modelId()),
                      FeatureCollections.VECTOR_SIZE, value(model.dimension())))
              .build();
      await(
          client.upsertAsync(FeatureCollections.META, List.of(point)),
          timeout,
          "record the model of " + collection);
      return;
    }
    Map<String, Value> payload = found.get(0).getPayloadMap();
    String recordedModel = payload.get(FeatureCollections.EMBEDDING_MODEL).getStringValue();
    long recordedSize = payload.get(FeatureCollections.VECTOR_SIZE).getIntegerValue();
    if (!recordedModel.equals(model.modelId()) || recordedSize != model.dimension()) {
      throw new EmbeddingModelMismatchException(
          ("Qdrant collection %s was built with embedding model %s (%d dimensions) but this"
                  + " service is configured with %s (%d dimensions). Configure the original model,"
                  + " or delete the chunks_* collections and the %s collection and re-index through"
                  + " the crawler's CDC replay endpoint.")
              .formatted(
                  collection,
                  recordedModel,
                  recordedSize,
                  model.modelId(),
                  model.dimension(),
                  FeatureCollections.META));
    }
  }

  private void ensureChunks(DocumentType type) {
    String name = FeatureCollections.chunks(type);
    if (!exists(name)) {
      CreateCollection create =
          CreateCollection.newBuilder()
              .setCollectionName(name)
              .setVectorsConfig(
                  VectorsConfig.newBuilder()
                      .setParamsMap(
                          VectorParamsMap.newBuilder()
                              .putMap(
                                  FeatureCollections.DENSE_VECTOR,
                                  VectorParams.newBuilder()
                                      .setSize(model.dimension())
                                      .setDistance(Distance.Cosine)
                                      .build())))
              .setSparseVectorsConfig(
                  SparseVectorConfig.newBuilder()
                      .putMap(
                          FeatureCollections.SPARSE_VECTOR,
                          SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
              .build();
      createIfAbsent(create);
      createIndexes(name);
      createIndex(name, FeatureCollections.CHUNK_INDEX, PayloadSchemaType.Integer, null);
    }
    verifyModel(type);
  }

  private void ensurePayloadOnly(String name, boolean documentIndexes) {
    if (exists(name)) {
      return;
    }
    createIfAbsent(CreateCollection.newBuilder().setCollectionName(name).build());
    if (documentIndexes) {
      createIndexes(name);
    }
  }

  private boolean exists(String name) {
    return await(client.collectionExistsAsync(name), timeout, "check collection " + name);
  }

  private void createIfAbsent(CreateCollection create) {
    try {
      await(client.createCollectionAsync(create), timeout, "create " + create.getCollectionName());
      log.info("Created Qdrant collection {}", create.getCollectionName());
    } catch (FeatureStoreException e) {
      // another instance may have created it in the meantime
      if (!exists(create.getCollectionName())) {
        throw e;
      }
    }
  }

  private void createIndexes(String name) {
    createIndex(
        name,
        FeatureCollections.AUTHOR_ID,
        PayloadSchemaType.Keyword,
        PayloadIndexParams.newBuilder()
            .setKeywordIndexParams(KeywordIndexParams.newBuilder().setIsTenant(true))
            .build());
    createIndex(name, FeatureCollections.DOCUMENT_ID, PayloadSchemaType.Keyword, null);
    createIndex(name, FeatureCollections.PLATFORM, PayloadSchemaType.Keyword, null);
  }

  private void createIndex(
      String collection, String field, PayloadSchemaType type, PayloadIndexParams params) {
    await(
        client.createPayloadIndexAsync(collection, field, type, params, true, null, null),
        timeout,
        "index " + collection + "." + field);
  }
}
