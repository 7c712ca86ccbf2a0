package io.llmtwin.training.evaluation;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.List;

/**
 * Style similarity: the mean cosine similarity between generated texts and the author's held-out
 * texts in an embedding space (the feature pipeline's model, all-MiniLM-L6-v2 quantized), over all
 * (generated, held-out) pairs. An empty generation counts as similarity 0.
 */
public final class StyleSimilarity {
  private final EmbeddingModel embeddings;

  /** Measures in the space of {@code embeddings}. */
  public StyleSimilarity(EmbeddingModel embeddings) {
    this.embeddings = embeddings;
  }

  /** Embeds the author's held-out texts once, for comparing several sets of generations. */
  public Reference reference(List<String> authorTexts) {
    List<Embedding> vectors = embedNonBlank(authorTexts);
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("no non-empty held-out text to compare styles with");
    }
    return new Reference(vectors);
  }

  /** Mean cosine between each of {@code generated} and each held-out text of {@code reference}. */
  public double similarity(List<String> generated, Reference reference) {
    if (generated.isEmpty()) {
      return 0;
    }
    double sum = 0;
    // blank generations have no vector and add 0, but still count in the mean
    for (Embedding g : embedNonBlank(generated)) {
      for (Embedding r : reference.vectors()) {
        sum += CosineSimilarity.between(g, r);
      }
    }
    return sum / ((double) generated.size() * reference.vectors().size());
  }

  private List<Embedding> embedNonBlank(List<String> texts) {
    List<TextSegment> segments =
        texts.stream().filter(t -> t != null && !t.isBlank()).map(TextSegment::from).toList();
    return segments.isEmpty() ? List.of() : embeddings.embedAll(segments).content();
  }

  /** The embedded held-out texts. */
  public record Reference(List<Embedding> vectors) {}
}
