package io.llmtwin.model.document;

import java.util.Locale;

/**
 * The three kinds of content the twin learns from; each is cleaned, chunked and embedded its own
 * way.
 */
public enum DocumentType {
  /** Long-form writing: Medium, Substack, personal blogs, LinkedIn articles. */
  ARTICLE("articles"),
  /** Short social posts: LinkedIn posts and shares. */
  POST("posts"),
  /** Source code files from a Git repository. */
  REPOSITORY("repositories");

  private final String collection;

  DocumentType(String collection) {
    this.collection = collection;
  }

  /** Name of the MongoDB collection the crawler stores this type in. */
  public String collection() {
    return collection;
  }

  /** Lower-case name used in routing keys, Qdrant collection names and URLs. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a type from its {@link #key()} or enum name, case-insensitively. */
  public static DocumentType parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("document type is missing");
    }
    for (DocumentType type : values()) {
      if (type.name().equalsIgnoreCase(value.trim())
          || type.collection.equalsIgnoreCase(value.trim())) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown document type: " + value);
  }

  /** The type stored in the given MongoDB collection. */
  public static DocumentType fromCollection(String collection) {
    for (DocumentType type : values()) {
      if (type.collection.equals(collection)) {
        return type;
      }
    }
    throw new IllegalArgumentException("no document type is stored in collection " + collection);
  }
}
