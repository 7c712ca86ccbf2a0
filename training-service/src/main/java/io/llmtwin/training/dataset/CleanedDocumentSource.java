package io.llmtwin.training.dataset;

import io.llmtwin.model.document.DocumentType;
import java.util.List;

/**
 * Port to the feature store's cleaned documents: training reads an author's corpus only through it,
 * never from MongoDB. The default adapter scrolls the Qdrant collection {@code cleaned_<type>} with
 * a filter on {@code author_id}; the feature-store module may replace it with its own read side.
 */
public interface CleanedDocumentSource {

  /**
   * All cleaned documents of {@code authorId} of the given type, sorted by document id (so the
   * order is deterministic); empty when the author has none.
   */
  List<SourceDocument> documents(String authorId, DocumentType type);

  /** How many cleaned documents of {@code authorId} of the given type exist (0 when none). */
  default long count(String authorId, DocumentType type) {
    return documents(authorId, type).size();
  }
}
