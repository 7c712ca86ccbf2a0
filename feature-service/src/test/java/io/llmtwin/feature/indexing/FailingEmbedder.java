package io.llmtwin.feature.indexing;

import io.llmtwin.feature.embedding.Embedder;
import io.llmtwin.feature.embedding.EmbeddingFailedException;
import io.llmtwin.featurestore.EmbeddingModelSpec;
import java.util.List;
import java.util.function.Predicate;

/** The given model, except that a batch with a text {@code failsOn} accepts fails to embed. */
final class FailingEmbedder implements Embedder {
  private final Embedder model;
  private final Predicate<String> failsOn;

  FailingEmbedder(Embedder model, Predicate<String> failsOn) {
    this.model = model;
    this.failsOn = failsOn;
  }

  @Override
  public EmbeddingModelSpec spec() {
    return model.spec();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    for (String text : texts) {
      if (failsOn.test(text)) {
        throw new EmbeddingFailedException(
            "injected failure for " + text.substring(0, Math.min(40, text.length())));
      }
    }
    return model.embed(texts);
  }
}
