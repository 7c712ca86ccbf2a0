package io.llmtwin.feature.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.llmtwin.featurestore.EmbeddingModelSpec;
import java.util.ArrayList;
import java.util.List;

/** {@link Embedder} on a LangChain4j {@link EmbeddingModel} (in-process ONNX). */
public final class LangChain4jEmbedder implements Embedder {
  private final EmbeddingModel model;
  private final EmbeddingModelSpec spec;

  public LangChain4jEmbedder(EmbeddingModel model, EmbeddingModelSpec spec) {
    this.model = model;
    this.spec = spec;
  }

  @Override
  public EmbeddingModelSpec spec() {
    return spec;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<Embedding> embeddings;
    try {
      embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    } catch (RuntimeException e) {
      throw new EmbeddingFailedException("embedding model failed: " + e.getMessage(), e);
    }
    if (embeddings.size() != texts.size()) {
      throw new EmbeddingFailedException(
          "embedding model returned %d vectors for %d texts"
              .formatted(embeddings.size(), texts.size()));
    }
    List<float[]> vectors = new ArrayList<>(embeddings.size());
    for (Embedding e : embeddings) {
      vectors.add(e.vector());
    }
    return vectors;
  }
}
