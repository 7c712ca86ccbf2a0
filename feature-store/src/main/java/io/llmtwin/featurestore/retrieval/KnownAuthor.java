package io.llmtwin.featurestore.retrieval;

import java.util.List;

/**
 * An author the system knows, as listed by an {@link AuthorDirectory}.
 *
 * @param id the author id used as tenant key in the feature store
 * @param name full name, e.g. {@code Paul Iusztin}
 * @param aliases other names the author goes by (handles, short names); may be empty
 */
public record KnownAuthor(String id, String name, List<String> aliases) {
  public KnownAuthor {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("author id is required");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("author name is required");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /** The name followed by the aliases. */
  public List<String> names() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(name), aliases.stream())
        .toList();
  }
}
