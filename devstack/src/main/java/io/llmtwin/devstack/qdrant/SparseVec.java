package io.llmtwin.devstack.qdrant;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A sparse vector with strictly increasing indices. */
final class SparseVec {
  private final int[] indices;
  private final float[] values;

  private SparseVec(int[] indices, float[] values) {
    this.indices = indices;
    this.values = values;
  }

  /** Validates and sorts by index, as Qdrant does when it stores a sparse vector. */
  static SparseVec of(List<Integer> indexList, List<Float> valueList) {
    if (indexList.size() != valueList.size()) {
      throw QdrantErrors.badInput(
          "Sparse vector indices and values must have the same length: "
              + indexList.size()
              + " != "
              + valueList.size());
    }
    int n = indexList.size();
    Integer[] order = new Integer[n];
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      order[i] = i;
      if (!seen.add(indexList.get(i))) {
        throw QdrantErrors.badInput("Sparse vector indices must be unique");
      }
    }
    Arrays.sort(order, (a, b) -> Integer.compareUnsigned(indexList.get(a), indexList.get(b)));
    int[] idx = new int[n];
    float[] val = new float[n];
    for (int i = 0; i < n; i++) {
      idx[i] = indexList.get(order[i]);
      val[i] = valueList.get(order[i]);
    }
    return new SparseVec(idx, val);
  }

  int size() {
    return indices.length;
  }

  int indexAt(int i) {
    return indices[i];
  }

  float valueAt(int i) {
    return values[i];
  }

  /**
   * Dot product over the indices both vectors share, or {@code null} when they share none (Qdrant
   * then does not return the point at all).
   */
  Float dot(SparseVec other) {
    int i = 0;
    int j = 0;
    boolean overlap = false;
    float sum = 0f;
    while (i < indices.length && j < other.indices.length) {
      int c = Integer.compareUnsigned(indices[i], other.indices[j]);
      if (c == 0) {
        sum += values[i] * other.values[j];
        overlap = true;
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return overlap ? sum : null;
  }
}
