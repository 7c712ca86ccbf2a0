package io.llmtwin.devstack.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.ClearPayloadPoints;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeleteFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePayloadPoints;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryBatchPoints;
import io.qdrant.client.grpc.Points.QueryBatchResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchBatchPoints;
import io.qdrant.client.grpc.Points.SearchBatchResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.SearchResponse;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import io.qdrant.client.grpc.PointsGrpc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Point operations: writes, reads, scroll, count, search and the Query API. */
final class PointsService extends PointsGrpc.PointsImplBase {
  private static final int DEFAULT_SCROLL_LIMIT = 10;
  private static final WithPayloadSelector PAYLOAD_ALL =
      WithPayloadSelector.newBuilder().setEnable(true).build();

  private final CollectionRegistry registry;

  PointsService(CollectionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void upsert(
      UpsertPoints request, StreamObserver<PointsOperationResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          Validation.collectionName(request.getCollectionName());
          StoredCollection collection = registry.get(request.getCollectionName());
          long operation =
              collection.upsert(
                  version -> {
                    List<StoredPoint> batch = new ArrayList<>(request.getPointsCount());
                    for (PointStruct p : request.getPointsList()) {
                      batch.add(PointCodec.fromUpsert(collection.schema(), p, version));
                    }
                    return batch;
                  });
          registry.changed(collection);
          return updated(operation, request.hasWait() && request.getWait(), start);
        });
  }

  @Override
  public void delete(
      DeletePoints request, StreamObserver<PointsOperationResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          StoredCollection collection = registry.get(request.getCollectionName());
          long op =
              switch (request.getPoints().getPointsSelectorOneOfCase()) {
                case POINTS -> {
                  List<PointKey> ids = new ArrayList<>();
                  for (PointId id : request.getPoints().getPoints().getIdsList()) {
                    ids.add(PointKey.of(id));
                  }
                  yield collection.delete(ids);
                }
                case FILTER -> collection.deleteMatching(request.getPoints().getFilter());
                case POINTSSELECTORONEOF_NOT_SET ->
                    throw QdrantErrors.badInputPlain("PointsSelector is missing");
              };
          registry.changed(collection);
          return updated(op, request.hasWait() && request.getWait(), start);
        });
  }

  @Override
  public void setPayload(
      SetPayloadPoints request, StreamObserver<PointsOperationResponse> responseObserver) {
    updatePayload(
        request.getCollectionName(),
        request.hasPointsSelector() ? request.getPointsSelector() : null,
        request.hasWait() && request.getWait(),
        request.hasKey() ? request.getKey() : null,
        old -> {
          Map<String, Value> merged = new LinkedHashMap<>(old);
          merged.putAll(request.getPayloadMap());
          return merged;
        },
        responseObserver);
  }

  @Override
  public void overwritePayload(
      SetPayloadPoints request, StreamObserver<PointsOperationResponse> responseObserver) {
    updatePayload(
        request.getCollectionName(),
        request.hasPointsSelector() ? request.getPointsSelector() : null,
        request.hasWait() && request.getWait(),
        request.hasKey() ? request.getKey() : null,
        old -> request.getPayloadMap(),
        responseObserver);
  }

  @Override
  public void deletePayload(
      DeletePayloadPoints request, StreamObserver<PointsOperationResponse> responseObserver) {
    updatePayload(
        request.getCollectionName(),
        request.hasPointsSelector() ? request.getPointsSelector() : null,
        request.hasWait() && request.getWait(),
        null,
        old -> {
          Map<String, Value> left = new LinkedHashMap<>(old);
          for (String key : request.getKeysList()) {
            PayloadPath.parse(key).removeFrom(left);
          }
          return left;
        },
        responseObserver);
  }

  @Override
  public void clearPayload(
      ClearPayloadPoints request, StreamObserver<PointsOperationResponse> responseObserver) {
    updatePayload(
        request.getCollectionName(),
        request.hasPoints() ? request.getPoints() : null,
        request.hasWait() && request.getWait(),
        null,
        old -> Map.of(),
        responseObserver);
  }

  private void updatePayload(
      String collectionName,
      PointsSelector selector,
      boolean wait,
      String key,
      UnaryOperator<Map<String, Value>> change,
      StreamObserver<PointsOperationResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          StoredCollection collection = registry.get(collectionName);
          if (key != null) {
            throw QdrantErrors.unsupported("Setting payload under a nested key");
          }
          if (selector == null
              || selector.getPointsSelectorOneOfCase()
                  == PointsSelector.PointsSelectorOneOfCase.POINTSSELECTORONEOF_NOT_SET) {
            throw QdrantErrors.badInputPlain("PointsSelector is missing");
          }
          List<PointKey> ids = null;
          Filter filter = null;
          if (selector.hasPoints()) {
            ids = new ArrayList<>();
            for (PointId id : selector.getPoints().getIdsList()) {
              ids.add(PointKey.of(id));
            }
          } else {
            filter = selector.getFilter();
          }
          try {
            long op =
                collection.rewrite(
                    ids,
                    filter,
                    (p, version) ->
                        new StoredPoint(
                            p.id(),
                            Map.copyOf(change.apply(p.payload())),
                            p.dense(),
                            p.sparse(),
                            version));
            return updated(op, wait, start);
          } finally {
            registry.changed(collection);
          }
        });
  }

  @Override
  public void get(GetPoints request, StreamObserver<GetResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          StoredCollection collection = registry.get(request.getCollectionName());
          WithPayloadSelector withPayload =
              request.hasWithPayload() ? request.getWithPayload() : null;
          WithVectorsSelector withVectors =
              request.hasWithVectors() ? request.getWithVectors() : null;
          Set<PointKey> ids = new LinkedHashSet<>();
          for (PointId id : request.getIdsList()) {
            ids.add(PointKey.of(id));
          }
          GetResponse.Builder response = GetResponse.newBuilder();
          for (PointKey id : ids) {
            StoredPoint p = collection.point(id);
            if (p != null) {
              response.addResult(retrieved(collection, p, withPayload, withVectors));
            }
          }
          return response.setTime(Unary.elapsed(start)).build();
        });
  }

  @Override
  public void createFieldIndex(
      CreateFieldIndexCollection request,
      StreamObserver<PointsOperationResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          StoredCollection collection = registry.get(request.getCollectionName());
          PayloadPath.parse(request.getFieldName());
          PayloadSchemaType type = schemaType(request);
          PayloadIndexParams params =
              request.hasFieldIndexParams()
                  ? request.getFieldIndexParams()
                  : PayloadIndexParams.getDefaultInstance();
          long op =
              collection.createIndex(
                  request.getFieldName(), new StoredCollection.PayloadIndex(type, params));
          registry.changed(collection);
          return updated(op, request.hasWait() && request.getWait(), start);
        });
  }

  @Override
  public void deleteFieldIndex(
      DeleteFieldIndexCollection request,
      StreamObserver<PointsOperationResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          StoredCollection collection = registry.get(request.getCollectionName());
          long op = collection.deleteIndex(request.getFieldName());
          registry.changed(collection);
          return updated(op, request.hasWait() && request.getWait(), start);
        });
  }

  @Override
  public void search(SearchPoints request, StreamObserver<SearchResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () ->
            SearchResponse.newBuilder()
                .addAllResult(searchOne(request))
                .setTime(Unary.elapsed(start))
                .build());
  }

  @Override
  public void searchBatch(
      SearchBatchPoints request, StreamObserver<SearchBatchResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          SearchBatchResponse.Builder response = SearchBatchResponse.newBuilder();
          for (SearchPoints search : request.getSearchPointsList()) {
            response.addResult(
                BatchResult.newBuilder()
                    .addAllResult(
                        searchOne(
                            search.toBuilder()
                                .setCollectionName(request.getCollectionName())
                                .build())));
          }
          return response.setTime(Unary.elapsed(start)).build();
        });
  }

  private List<ScoredPoint> searchOne(SearchPoints request) {
    Validation.positive("limit", request.getLimit());
    StoredCollection collection = registry.get(request.getCollectionName());
    String using =
        request.hasVectorName() ? request.getVectorName() : CollectionSchema.DEFAULT_VECTOR;
    return collection.read(
        () -> {
          VectorQuery query =
              request.hasSparseIndices()
                  ? VectorQuery.sparse(
                      collection.schema(),
                      using,
                      request.getSparseIndices().getDataList(),
                      request.getVectorList())
                  : VectorQuery.dense(collection.schema(), using, request.getVectorList());
          List<QueryEngine.Scored> hits =
              QueryEngine.search(
                  collection,
                  query,
                  request.hasFilter() ? request.getFilter() : null,
                  request.hasScoreThreshold() ? request.getScoreThreshold() : null,
                  clamp(request.getLimit()),
                  request.hasOffset() ? clamp(request.getOffset()) : 0);
          return scored(
              collection,
              hits,
              request.hasWithPayload() ? request.getWithPayload() : null,
              request.hasWithVectors() ? request.getWithVectors() : null);
        });
  }

  @Override
  public void query(QueryPoints request, StreamObserver<QueryResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () ->
            QueryResponse.newBuilder()
                .addAllResult(queryOne(request))
                .setTime(Unary.elapsed(start))
                .build());
  }

  @Override
  public void queryBatch(
      QueryBatchPoints request, StreamObserver<QueryBatchResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          QueryBatchResponse.Builder response = QueryBatchResponse.newBuilder();
          for (QueryPoints query : request.getQueryPointsList()) {
            response.addResult(
                BatchResult.newBuilder()
                    .addAllResult(
                        queryOne(
                            query.toBuilder()
                                .setCollectionName(request.getCollectionName())
                                .build())));
          }
          return response.setTime(Unary.elapsed(start)).build();
        });
  }

  private List<ScoredPoint> queryOne(QueryPoints request) {
    if (request.hasLimit()) {
      Validation.positive("limit", request.getLimit());
    }
    StoredCollection collection = registry.get(request.getCollectionName());
    return collection.read(
        () ->
            scored(
                collection,
                QueryEngine.query(collection, request),
                request.hasWithPayload() ? request.getWithPayload() : null,
                request.hasWithVectors() ? request.getWithVectors() : null));
  }

  @Override
  public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          if (request.hasLimit()) {
            Validation.positive("limit", request.getLimit());
          }
          StoredCollection collection = registry.get(request.getCollectionName());
          if (request.hasOrderBy()) {
            throw QdrantErrors.unsupported("Scroll with order_by");
          }
          int limit = request.hasLimit() ? request.getLimit() : DEFAULT_SCROLL_LIMIT;
          Filter filter = request.hasFilter() ? request.getFilter() : null;
          WithPayloadSelector withPayload =
              request.hasWithPayload() ? request.getWithPayload() : PAYLOAD_ALL;
          WithVectorsSelector withVectors =
              request.hasWithVectors() ? request.getWithVectors() : null;
          return collection.read(
              () -> {
                ScrollResponse.Builder response = ScrollResponse.newBuilder();
                Iterable<StoredPoint> points =
                    request.hasOffset()
                        ? collection.pointsFrom(PointKey.of(request.getOffset()))
                        : collection.pointsInOrder();
                int taken = 0;
                for (StoredPoint p : points) {
                  if (!FilterEvaluator.matches(filter, p)) {
                    continue;
                  }
                  if (taken == limit) {
                    response.setNextPageOffset(p.id().toProto());
                    break;
                  }
                  response.addResult(retrieved(collection, p, withPayload, withVectors));
                  taken++;
                }
                return response.setTime(Unary.elapsed(start)).build();
              });
        });
  }

  @Override
  public void count(CountPoints request, StreamObserver<CountResponse> responseObserver) {
    long start = System.nanoTime();
    Unary.respond(
        responseObserver,
        () -> {
          StoredCollection collection = registry.get(request.getCollectionName());
          Filter filter = request.hasFilter() ? request.getFilter() : null;
          long count =
              collection.read(
                  () ->
                      collection.pointsInOrder().stream()
                          .filter(p -> FilterEvaluator.matches(filter, p))
                          .count());
          return CountResponse.newBuilder()
              .setResult(CountResult.newBuilder().setCount(count))
              .setTime(Unary.elapsed(start))
              .build();
        });
  }

  private static List<ScoredPoint> scored(
      StoredCollection collection,
      List<QueryEngine.Scored> hits,
      WithPayloadSelector withPayload,
      WithVectorsSelector withVectors) {
    List<ScoredPoint> out = new ArrayList<>(hits.size());
    for (QueryEngine.Scored hit : hits) {
      StoredPoint p = hit.point();
      ScoredPoint.Builder b =
          ScoredPoint.newBuilder()
              .setId(p.id().toProto())
              .setScore(hit.score())
              .setVersion(p.version())
              .putAllPayload(PointCodec.payload(p, withPayload));
      VectorsOutput vectors = PointCodec.vectors(collection.schema(), p, withVectors);
      if (vectors != null) {
        b.setVectors(vectors);
      }
      out.add(b.build());
    }
    return out;
  }

  private static RetrievedPoint retrieved(
      StoredCollection collection,
      StoredPoint p,
      WithPayloadSelector withPayload,
      WithVectorsSelector withVectors) {
    RetrievedPoint.Builder b =
        RetrievedPoint.newBuilder()
            .setId(p.id().toProto())
            .putAllPayload(PointCodec.payload(p, withPayload));
    VectorsOutput vectors = PointCodec.vectors(collection.schema(), p, withVectors);
    if (vectors != null) {
      b.setVectors(vectors);
    }
    return b.build();
  }

  private static PayloadSchemaType schemaType(CreateFieldIndexCollection request) {
    if (request.hasFieldType()) {
      return switch (request.getFieldType()) {
        case FieldTypeKeyword -> PayloadSchemaType.Keyword;
        case FieldTypeInteger -> PayloadSchemaType.Integer;
        case FieldTypeFloat -> PayloadSchemaType.Float;
        case FieldTypeGeo -> PayloadSchemaType.Geo;
        case FieldTypeText -> PayloadSchemaType.Text;
        case FieldTypeBool -> PayloadSchemaType.Bool;
        case FieldTypeDatetime -> PayloadSchemaType.Datetime;
        case FieldTypeUuid -> PayloadSchemaType.Uuid;
        case UNRECOGNIZED -> throw QdrantErrors.badInputPlain("Unknown field type");
      };
    }
    if (request.hasFieldIndexParams()) {
      Map<PayloadIndexParams.IndexParamsCase, PayloadSchemaType> byParams = new LinkedHashMap<>();
      byParams.put(
          PayloadIndexParams.IndexParamsCase.KEYWORD_INDEX_PARAMS, PayloadSchemaType.Keyword);
      byParams.put(
          PayloadIndexParams.IndexParamsCase.INTEGER_INDEX_PARAMS, PayloadSchemaType.Integer);
      byParams.put(PayloadIndexParams.IndexParamsCase.FLOAT_INDEX_PARAMS, PayloadSchemaType.Float);
      byParams.put(PayloadIndexParams.IndexParamsCase.GEO_INDEX_PARAMS, PayloadSchemaType.Geo);
      byParams.put(PayloadIndexParams.IndexParamsCase.TEXT_INDEX_PARAMS, PayloadSchemaType.Text);
      byParams.put(PayloadIndexParams.IndexParamsCase.BOOL_INDEX_PARAMS, PayloadSchemaType.Bool);
      byParams.put(
          PayloadIndexParams.IndexParamsCase.DATETIME_INDEX_PARAMS, PayloadSchemaType.Datetime);
      byParams.put(PayloadIndexParams.IndexParamsCase.UUID_INDEX_PARAMS, PayloadSchemaType.Uuid);
      PayloadSchemaType type = byParams.get(request.getFieldIndexParams().getIndexParamsCase());
      if (type != null) {
        return type;
      }
    }
    throw QdrantErrors.badInput("Field type is required to create a payload index");
  }

  private static PointsOperationResponse updated(long operationId, boolean wait, long start) {
    return PointsOperationResponse.newBuilder()
        .setResult(
            UpdateResult.newBuilder()
                .setOperationId(operationId)
                .setStatus(wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged))
        .setTime(Unary.elapsed(start))
        .build();
  }

  private static int clamp(long value) {
    return (int) Math.min(value, Integer.MAX_VALUE);
  }
}
