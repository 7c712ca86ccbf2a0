package io.llmtwin.featurestore;

/**
 * The embedding model a chunks collection is built with: its id and the size of its vectors.
 * Vectors of different models are not comparable, so the store refuses to mix them.
 *
 * @param modelId stable id, e.g. {@code all-minilm-l6-v2-q}
 * @param dimension vector size, e.g. 384
 */
public record EmbeddingModelSpec(String modelId, int dimension) {
  public EmbeddingModelSpec {
    if (modelId == null || modelId.isBlank()) {
      throw new IllegalArgumentException("embedding model id is required");
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("vector dimension must be positive, was " + dimension);
    }
  }
}
