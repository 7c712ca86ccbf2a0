package io.llmtwin.devstack.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.Collections.OptimizerStatus;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Collections.WalConfigDiff;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.JsonWithInt.Value;

/** Collection management: create, exists, info, list, delete. */
final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {
  private final CollectionRegistry registry;

  CollectionsService(CollectionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void create(
      CreateCollection request, StreamObserver<CollectionOperationResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          Validation.collectionName(request.getCollectionName());
          registry.create(request);
          return CollectionOperationResponse.newBuilder()
              .setResult(true)
              .setTime(Unary.elapsed(start))
              .build();
        });
  }

  @Override
  public void delete(
      DeleteCollection request, StreamObserver<CollectionOperationResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () ->
            CollectionOperationResponse.newBuilder()
                .setResult(registry.delete(request.getCollectionName()))
                .setTime(Unary.elapsed(start))
                .build());
  }

  @Override
  public void collectionExists(
      CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () ->
            CollectionExistsResponse.newBuilder()
                .setResult(
                    CollectionExists.newBuilder()
                        .setExists(registry.exists(request.getCollectionName())))
                .setTime(Unary.elapsed(start))
                .build());
  }

  @Override
  public void list(
      ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          ListCollectionsResponse.Builder response = ListCollectionsResponse.newBuilder();
          for (String name : registry.names()) {
            response.addCollections(CollectionDescription.newBuilder().setName(name));
          }
          return response.setTime(Unary.elapsed(start)).build();
        });
  }

  @Override
  public void get(
      GetCollectionInfoRequest request,
      StreamObserver<GetCollectionInfoResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () ->
            GetCollectionInfoResponse.newBuilder()
                .setResult(info(registry.get(request.getCollectionName())))
                .setTime(Unary.elapsed(start))
                .build());
  }

  private static CollectionInfo info(StoredCollection collection) {
    CreateCollection def = collection.schema().definition();
    CollectionParams.Builder params =
        CollectionParams.newBuilder()
            .setShardNumber(def.hasShardNumber() ? def.getShardNumber() : 1)
            .setOnDiskPayload(!def.hasOnDiskPayload() || def.getOnDiskPayload())
            .setReplicationFactor(def.hasReplicationFactor() ? def.getReplicationFactor() : 1)
            .setWriteConsistencyFactor(
                def.hasWriteConsistencyFactor() ? def.getWriteConsistencyFactor() : 1);
    if (def.hasVectorsConfig()
        && def.getVectorsConfig().getConfigCase() != VectorsConfig.ConfigCase.CONFIG_NOT_SET) {
      params.setVectorsConfig(def.getVectorsConfig());
    } else {
      // like Qdrant, a collection without dense vectors reports an empty map of named vectors
      params.setVectorsConfig(
          VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.getDefaultInstance()));
    }
    if (def.hasSparseVectorsConfig()) {
      params.setSparseVectorsConfig(def.getSparseVectorsConfig());
    }
    CollectionConfig.Builder config =
        CollectionConfig.newBuilder()
            .setParams(params)
            .setHnswConfig(
                def.hasHnswConfig()
                    ? def.getHnswConfig()
                    : HnswConfigDiff.newBuilder()
                        .setM(16)
                        .setEfConstruct(100)
                        .setFullScanThreshold(10_000)
                        .setMaxIndexingThreads(0)
                        .setOnDisk(false)
                        .build())
            .setOptimizerConfig(
                def.hasOptimizersConfig()
                    ? def.getOptimizersConfig()
                    : OptimizersConfigDiff.newBuilder()
                        .setDeletedThreshold(0.2)
                        .setVacuumMinVectorNumber(1000)
                        .setDefaultSegmentNumber(0)
                        .setFlushIntervalSec(5)
                        .build())
            .setWalConfig(
                def.hasWalConfig()
                    ? def.getWalConfig()
                    : WalConfigDiff.newBuilder()
                        .setWalCapacityMb(32)
                        .setWalSegmentsAhead(0)
                        .build());
    if (def.hasQuantizationConfig()) {
      config.setQuantizationConfig(def.getQuantizationConfig());
    }
    return collection.read(
        () -> {
          CollectionInfo.Builder info =
              CollectionInfo.newBuilder()
                  .setStatus(CollectionStatus.Green)
                  .setOptimizerStatus(OptimizerStatus.newBuilder().setOk(true))
                  .setSegmentsCount(1)
                  .setConfig(config)
                  .setPointsCount(collection.pointsInOrder().size())
                  .setIndexedVectorsCount(0);
          collection
              .indexes()
              .forEach(
                  (field, index) ->
                      info.putPayloadSchema(
                          field,
                          PayloadSchemaInfo.newBuilder()
                              .setDataType(index.type())
                              .setParams(index.params())
                              .setPoints(indexedPoints(collection, field, index.type()))
                              .build()));
          return info.build();
        });
  }

  private static long indexedPoints(
      StoredCollection collection, String field, PayloadSchemaType type) {
    PayloadPath path = PayloadPath.parse(field);
    long count = 0;
    for (StoredPoint p : collection.pointsInOrder()) {
      if (path.values(p.payload()).stream().anyMatch(v -> fits(v, type))) {
        count++;
      }
    }
    return count;
  }

  private static boolean fits(Value v, PayloadSchemaType type) {
    if (v.hasListValue()) {
      return v.getListValue().getValuesList().stream().anyMatch(e -> fits(e, type));
    }
    return switch (type) {
      case Keyword, Text, Uuid, Datetime -> v.hasStringValue();
      case Integer -> v.hasIntegerValue();
      case Float -> v.hasIntegerValue() || v.hasDoubleValue();
      case Bool -> v.hasBoolValue();
      case Geo -> v.hasStructValue();
      default -> false;
    };
  }
}
