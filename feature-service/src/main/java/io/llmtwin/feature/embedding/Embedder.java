package io.llmtwin.feature.embedding;

import io.llmtwin.featurestore.EmbeddingModelSpec;
import java.util.List;

/** Turns texts into dense vectors with one embedding model. */
public interface Embedder {

  /** The model's id and vector size. */
  EmbeddingModelSpec spec();

  /**
   * One vector per text, in order.
   *
   * @throws EmbeddingFailedException when the model fails
   */
  List<float[]> embed(List<String> texts);
}
