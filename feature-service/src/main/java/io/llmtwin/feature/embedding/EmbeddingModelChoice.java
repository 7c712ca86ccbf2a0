package io.llmtwin.feature.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.llmtwin.featurestore.EmbeddingModelSpec;
import java.util.function.Supplier;

/** The in-process ONNX embedding models this service can run. */
public enum EmbeddingModelChoice {
  /** sentence-transformers/all-MiniLM-L6-v2, int8-quantized: 384 dimensions, ~110 texts/s here. */
  ALL_MINILM_L6_V2_Q(
      "all-minilm-l6-v2-q",
      384,
      "all-minilm-l6-v2-q-tokenizer.json",
      AllMiniLmL6V2QuantizedEmbeddingModel::new),

  /**
   * BAAI/bge-small-en-v1.5, int8-quantized: 384 dimensions, 512-token inputs, about half the speed
   * of MiniLM here. Retrieval should prefix queries with bge's query instruction.
   */
  BGE_SMALL_EN_V15_Q(
      "bge-small-en-v15-q",
      384,
      "bge-small-en-v1.5-q-tokenizer.json",
      BgeSmallEnV15QuantizedEmbeddingModel::new);

  private final String id;
  private final int dimension;
  private final String tokenizerResource;
  private final Supplier<EmbeddingModel> loader;

  EmbeddingModelChoice(
      String id, int dimension, String tokenizerResource, Supplier<EmbeddingModel> loader) {
    this.id = id;
    this.dimension = dimension;
    this.tokenizerResource = tokenizerResource;
    this.loader = loader;
  }

  /** Id and vector size as recorded in the feature store. */
  public EmbeddingModelSpec spec() {
    return new EmbeddingModelSpec(id, dimension);
  }

  /** Classpath resource of the model's {@code tokenizer.json}. */
  public String tokenizerResource() {
    return tokenizerResource;
  }

  /**
   * Loads the model (once per application: it holds the ONNX session) with LangChain4j's default
   * thread pool, which keeps every core busy.
   */
  public EmbeddingModel load() {
    return loader.get();
  }
}
