package io.llmtwin.featurestore.retrieval;

/**
 * An author found in a query by {@link AuthorResolver}.
 *
 * @param author the known author
 * @param matchedName the name or alias that matched
 * @param distance edit distance between that name and the words of the query (0: exact)
 */
public record AuthorMatch(KnownAuthor author, String matchedName, int distance) {

  /** True when the name appeared in the query as written (ignoring case and accents). */
  public boolean exact() {
    return distance == 0;
  }
}
