package io.llmtwin.featurestore.retrieval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AuthorDirectory} held in memory: configuration, tests, or a cache of another one. */
public final class InMemoryAuthorDirectory implements AuthorDirectory {
  private final Map<String, KnownAuthor> byId = new ConcurrentHashMap<>();

  public InMemoryAuthorDirectory(List<KnownAuthor> authors) {
    authors.forEach(this::put);
  }

  /** An empty directory: self-query never resolves an author. */
  public static InMemoryAuthorDirectory empty() {
    return new InMemoryAuthorDirectory(List.of());
  }

  /** Adds or replaces an author. */
  public void put(KnownAuthor author) {
    byId.put(author.id(), author);
  }

  /** Forgets an author. */
  public void remove(String authorId) {
    byId.remove(authorId);
  }

  @Override
  public List<KnownAuthor> authors() {
    return List.copyOf(byId.values());
  }
}
