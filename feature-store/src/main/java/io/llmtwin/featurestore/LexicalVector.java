package io.llmtwin.featurestore;

import java.util.List;

/**
 * A sparse lexical vector: term ids (ascending, unique) and their weights.
 *
 * @param indices hashed term ids, ascending
 * @param values weights, same length as {@code indices}
 */
public record LexicalVector(List<Integer> indices, List<Float> values) {
  public LexicalVector {
    indices = List.copyOf(indices);
    values = List.copyOf(values);
    if (indices.size() != values.size()) {
      throw new IllegalArgumentException("indices and values differ in length");
    }
  }

  /** True when no term was found (Qdrant accepts an empty sparse vector). */
  public boolean isEmpty() {
    return indices.isEmpty();
  }
}
