package io.llmtwin.featurestore.retrieval;

import java.util.List;

/**
 * Port to the authors the system knows, for self-query: a query that names an author is restricted
 * to that author's documents. Adapters: {@link InMemoryAuthorDirectory}; the crawler's {@code
 * authors} collection later.
 */
public interface AuthorDirectory {

  /** Every known author; never null. Called per search, so adapters should cache. */
  List<KnownAuthor> authors();
}
