package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.NamedVectorsOutput;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.SparseIndices;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.Vectors;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts points between their gRPC shape and {@link StoredPoint}, validating like Qdrant. */
final class PointCodec {
  private PointCodec() {}

  /** Validates an upserted point against the collection's vectors and pre-processes it. */
  static StoredPoint fromUpsert(CollectionSchema schema, PointStruct point, long version) {
    PointKey id = PointKey.of(point.hasId() ? point.getId() : null);
    if (!point.hasVectors()) {
      throw QdrantErrors.badInputPlain("Expected some vectors");
    }
    Map<String, float[]> dense = new HashMap<>();
    Map<String, SparseVec> sparse = new HashMap<>();
    Vectors vectors = point.getVectors();
    switch (vectors.getVectorsOptionsCase()) {
      case VECTOR ->
          addVector(schema, CollectionSchema.DEFAULT_VECTOR, vectors.getVector(), dense, sparse);
      case VECTORS ->
          vectors
              .getVectors()
              .getVectorsMap()
              .forEach((name, vector) -> addVector(schema, name, vector, dense, sparse));
      case VECTORSOPTIONS_NOT_SET -> throw QdrantErrors.badInputPlain("No Vector Provided");
    }
    return new StoredPoint(
        id, Map.copyOf(point.getPayloadMap()), Map.copyOf(dense), Map.copyOf(sparse), version);
  }

  private static void addVector(
      CollectionSchema schema,
      String name,
      Vector vector,
      Map<String, float[]> dense,
      Map<String, SparseVec> sparse) {
    boolean isSparseInput =
        vector.hasSparse()
            || (vector.getVectorCase() == Vector.VectorCase.VECTOR_NOT_SET && vector.hasIndices());
    if (isSparseInput) {
      if (!schema.isSparse(name)) {
        throw schema.isDense(name)
            ? QdrantErrors.badInput("Conversion between sparse and regular vectors failed")
            : QdrantErrors.unknownVectorName(name);
      }
      SparseVec sv =
          vector.hasSparse()
              ? SparseVec.of(
                  vector.getSparse().getIndicesList(), vector.getSparse().getValuesList())
              : SparseVec.of(vector.getIndices().getDataList(), vector.getDataList());
      sparse.put(name, sv);
      return;
    }
    List<Float> data;
    switch (vector.getVectorCase()) {
      case DENSE -> data = vector.getDense().getDataList();
      case VECTOR_NOT_SET -> {
        if (vector.hasVectorsCount()) {
          throw QdrantErrors.unsupported("Multi-dense vectors");
        }
        data = vector.getDataList();
      }
      case MULTI_DENSE -> throw QdrantErrors.unsupported("Multi-dense vectors");
      default -> throw QdrantErrors.unsupported("Server-side inference (document/image/object)");
    }
    if (!schema.isDense(name)) {
      throw schema.isSparse(name)
          ? QdrantErrors.badInput("Conversion between sparse and regular vectors failed")
          : QdrantErrors.unknownVectorName(name);
    }
    dense.put(name, denseQuery(schema, name, data));
  }

  /** Checks the dimension and pre-processes a dense vector (stored or query) of {@code name}. */
  static float[] denseQuery(CollectionSchema schema, String name, List<Float> data) {
    VectorParams params = schema.denseParams(name);
    if (data.size() != params.getSize()) {
      throw QdrantErrors.wrongDimension((int) params.getSize(), data.size());
    }
    float[] array = new float[data.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = data.get(i);
    }
    return Similarity.preprocess(params.getDistance(), array);
  }

  /** The point as written to a snapshot file (vectors already pre-processed). */
  static PointStruct toSnapshot(StoredPoint point) {
    NamedVectors.Builder named = NamedVectors.newBuilder();
    point
        .dense()
        .forEach(
            (name, v) -> named.putVectors(name, Vector.newBuilder().setDense(dense(v)).build()));
    point
        .sparse()
        .forEach(
            (name, v) -> named.putVectors(name, Vector.newBuilder().setSparse(sparse(v)).build()));
    return PointStruct.newBuilder()
        .setId(point.id().toProto())
        .putAllPayload(point.payload())
        .setVectors(Vectors.newBuilder().setVectors(named))
        .build();
  }

  /** Reads a point back from a snapshot file without pre-processing it again. */
  static StoredPoint fromSnapshot(PointStruct point, long version) {
    Map<String, float[]> dense = new HashMap<>();
    Map<String, SparseVec> sparse = new HashMap<>();
    point
        .getVectors()
        .getVectors()
        .getVectorsMap()
        .forEach(
            (name, v) -> {
              if (v.hasSparse()) {
                sparse.put(
                    name,
                    SparseVec.of(v.getSparse().getIndicesList(), v.getSparse().getValuesList()));
              } else {
                List<Float> data = v.getDense().getDataList();
                float[] array = new float[data.size()];
                for (int i = 0; i < array.length; i++) {
                  array[i] = data.get(i);
                }
                dense.put(name, array);
              }
            });
    return new StoredPoint(
        PointKey.of(point.getId()),
        Map.copyOf(point.getPayloadMap()),
        Map.copyOf(dense),
        Map.copyOf(sparse),
        version);
  }

  private static DenseVector dense(float[] v) {
    DenseVector.Builder b = DenseVector.newBuilder();
    for (float f : v) {
      b.addData(f);
    }
    return b.build();
  }

  private static SparseVector sparse(SparseVec v) {
    SparseVector.Builder b = SparseVector.newBuilder();
    for (int i = 0; i < v.size(); i++) {
      b.addIndices(v.indexAt(i)).addValues(v.valueAt(i));
    }
    return b.build();
  }

  /** The payload a caller asked for (all, none, include paths or exclude paths). */
  static Map<String, Value> payload(StoredPoint point, WithPayloadSelector selector) {
    if (selector == null) {
      return Map.of();
    }
    return switch (selector.getSelectorOptionsCase()) {
      case ENABLE -> selector.getEnable() ? point.payload() : Map.of();
      case INCLUDE -> {
        Map<String, Value> out = new LinkedHashMap<>();
        for (String field : selector.getInclude().getFieldsList()) {
          PayloadPath.parse(field).copyInto(point.payload(), out);
        }
        yield out;
      }
      case EXCLUDE -> {
        Map<String, Value> out = new LinkedHashMap<>(point.payload());
        for (String field : selector.getExclude().getFieldsList()) {
          PayloadPath.parse(field).removeFrom(out);
        }
        yield out;
      }
      case SELECTOROPTIONS_NOT_SET -> Map.of();
    };
  }

  /**
   * The vectors a caller asked for, or null for none. Like Qdrant, a collection with one unnamed
   * vector answers with a plain vector; others with named vectors; the deprecated {@code data} /
   * {@code indices} fields carry the numbers, as Qdrant 1.15 fills them.
   */
  static VectorsOutput vectors(
      CollectionSchema schema, StoredPoint point, WithVectorsSelector selector) {
    if (selector == null) {
      return null;
    }
    Set<String> wanted;
    switch (selector.getSelectorOptionsCase()) {
      case ENABLE -> {
        if (!selector.getEnable()) {
          return null;
        }
        wanted = null;
      }
      case INCLUDE -> wanted = Set.copyOf(selector.getInclude().getNamesList());
      default -> {
        return null;
      }
    }
    if (!schema.named() && wanted == null) {
      float[] v = point.dense().get(CollectionSchema.DEFAULT_VECTOR);
      if (v == null) {
        return VectorsOutput.newBuilder()
            .setVectors(NamedVectorsOutput.getDefaultInstance())
            .build();
      }
      return VectorsOutput.newBuilder().setVector(output(v)).build();
    }
    NamedVectorsOutput.Builder named = NamedVectorsOutput.newBuilder();
    point
        .dense()
        .forEach(
            (name, v) -> {
              if (wanted == null || wanted.contains(name)) {
                named.putVectors(name, output(v));
              }
            });
    point
        .sparse()
        .forEach(
            (name, v) -> {
              if (wanted == null || wanted.contains(name)) {
                VectorOutput.Builder out = VectorOutput.newBuilder();
                SparseIndices.Builder indices = SparseIndices.newBuilder();
                for (int i = 0; i < v.size(); i++) {
                  indices.addData(v.indexAt(i));
                  out.addData(v.valueAt(i));
                }
                named.putVectors(name, out.setIndices(indices).build());
              }
            });
    return VectorsOutput.newBuilder().setVectors(named).build();
  }

  private static VectorOutput output(float[] v) {
    VectorOutput.Builder b = VectorOutput.newBuilder();
    for (float f : v) {
      b.addData(f);
    }
    return b.build();
  }
}
