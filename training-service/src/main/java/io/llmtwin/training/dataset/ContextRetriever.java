package io.llmtwin.training.dataset;

import java.util.Optional;

/**
 * Port to the retrieval client used for RAG-augmented samples: context for an instruction from the
 * author's other documents, formatted the way inference supplies it (numbered sources). The
 * feature-store {@code Retriever} is meant to implement it; {@link LexicalContextRetriever} is the
 * simple built-in adapter.
 */
public interface ContextRetriever {

  /**
   * Context for {@code instruction} from {@code authorId}'s documents other than {@code
   * excludeDocumentId}; empty when nothing relevant is found.
   */
  Optional<String> context(String authorId, String instruction, String excludeDocumentId);
}
