package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Points.VectorInput;
import java.util.List;

/** A nearest-neighbour query on one named vector, dense or sparse. */
final class VectorQuery {
  private final String using;
  private final float[] dense;
  private final SparseVec sparse;
  private final Distance distance;

  private VectorQuery(String using, float[] dense, SparseVec sparse, Distance distance) {
    this.using = using;
    this.dense = dense;
    this.sparse = sparse;
    this.distance = distance;
  }

  static VectorQuery dense(CollectionSchema schema, String using, List<Float> data) {
    if (schema.isSparse(using)) {
      throw QdrantErrors.badInput("Conversion between sparse and regular vectors failed");
    }
    return new VectorQuery(
        using, PointCodec.denseQuery(schema, using, data), null, schema.distance(using));
  }

  static VectorQuery sparse(
      CollectionSchema schema, String using, List<Integer> indices, List<Float> values) {
    if (!schema.isSparse(using)) {
      throw schema.isDense(using)
          ? QdrantErrors.badInput("Conversion between sparse and regular vectors failed")
          : QdrantErrors.unknownVectorName(using);
    }
    return new VectorQuery(using, null, SparseVec.of(indices, values), null);
  }

  static VectorQuery of(CollectionSchema schema, String using, VectorInput input) {
    return switch (input.getVariantCase()) {
      case DENSE -> dense(schema, using, input.getDense().getDataList());
      case SPARSE ->
          sparse(
              schema, using, input.getSparse().getIndicesList(), input.getSparse().getValuesList());
      case ID -> throw QdrantErrors.unsupported("Query by point id");
      case MULTI_DENSE -> throw QdrantErrors.unsupported("Multi-dense vectors");
      case DOCUMENT, IMAGE, OBJECT -> throw QdrantErrors.unsupported("Server-side inference");
      case VARIANT_NOT_SET -> throw QdrantErrors.badInputPlain("Query vector is not set");
    };
  }

  boolean largerIsBetter() {
    return sparse != null || Similarity.largerIsBetter(distance);
  }

  /** The point's score, or null when the point has no such vector (or shares no sparse index). */
  Float score(StoredPoint point) {
    if (sparse != null) {
      SparseVec stored = point.sparse().get(using);
      return stored == null ? null : sparse.dot(stored);
    }
    float[] stored = point.dense().get(using);
    return stored == null ? null : Similarity.score(distance, dense, stored);
  }

  boolean isEmptySparse() {
    return sparse != null && sparse.size() == 0;
  }
}
