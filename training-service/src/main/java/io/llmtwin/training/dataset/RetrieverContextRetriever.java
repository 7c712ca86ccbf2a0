package io.llmtwin.training.dataset;

import io.llmtwin.featurestore.FeatureStoreException;
import io.llmtwin.featurestore.retrieval.ContextFormatter;
import io.llmtwin.featurestore.retrieval.PromptContext;
import io.llmtwin.featurestore.retrieval.RetrievedChunk;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.featurestore.retrieval.SearchOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContextRetriever} backed by the feature store's retrieval client: searches the author's
 * chunks (the author filter is part of the query), drops the chunks of the document the sample was
 * cut from, and formats the rest as numbered sources within the {@link ContextFormatter}'s token
 * budget, exactly as inference will supply context. Query expansion is off (a dataset build must
 * not call a chat model per sample); reranking stays on. A failing search yields no context for
 * that sample (logged) rather than failing the whole dataset build.
 */
public final class RetrieverContextRetriever implements ContextRetriever {
  private static final Logger log = LoggerFactory.getLogger(RetrieverContextRetriever.class);

  /** Chunks requested beyond {@code topK} so that dropping the excluded document still leaves k. */
  private static final int EXCLUSION_HEADROOM = 5;

  private final Retriever retriever;
  private final ContextFormatter formatter;
  private final int topK;

  /**
   * @param retriever the feature store's retrieval client
   * @param formatter formats chunks as numbered sources within its default token budget
   * @param topK most sources per context, 1 to {@link SearchOptions#MAX_TOP_K}
   */
  public RetrieverContextRetriever(Retriever retriever, ContextFormatter formatter, int topK) {
    if (topK < 1 || topK > SearchOptions.MAX_TOP_K) {
      throw new IllegalArgumentException("topK must be 1-" + SearchOptions.MAX_TOP_K);
    }
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.formatter = Objects.requireNonNull(formatter, "formatter");
    this.topK = topK;
  }

  @Override
  public Optional<String> context(String authorId, String instruction, String excludeDocumentId) {
    if (instruction == null || instruction.isBlank()) {
      return Optional.empty();
    }
    SearchOptions options =
        SearchOptions.defaults()
            .withAuthor(authorId)
            .withTopK(Math.min(SearchOptions.MAX_TOP_K, topK + EXCLUSION_HEADROOM))
            .withExpansion(false);
    List<RetrievedChunk> chunks;
    try {
      chunks = retriever.search(instruction, options).chunks();
    } catch (FeatureStoreException e) {
      log.warn(
          "Retrieval failed for author {}; sample gets no context: {}", authorId, e.getMessage());
      return Optional.empty();
    }
    List<RetrievedChunk> others =
        chunks.stream()
            .filter(c -> !c.documentId().equals(excludeDocumentId))
            .filter(c -> authorId == null || authorId.equals(c.authorId()))
            .limit(topK)
            .toList();
    if (others.isEmpty()) {
      return Optional.empty();
    }
    PromptContext context = formatter.format(others);
    return context.isEmpty() ? Optional.empty() : Optional.of(context.text());
  }
}
