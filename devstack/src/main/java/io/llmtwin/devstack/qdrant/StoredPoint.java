package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.Map;

/**
 * An immutable stored point. Dense vectors of Cosine collections are kept normalised, as Qdrant
 * stores them.
 */
record StoredPoint(
    PointKey id,
    Map<String, Value> payload,
    Map<String, float[]> dense,
    Map<String, SparseVec> sparse,
    long version) {

  boolean hasVector(String name) {
    return dense.containsKey(name) || sparse.containsKey(name);
  }
}
