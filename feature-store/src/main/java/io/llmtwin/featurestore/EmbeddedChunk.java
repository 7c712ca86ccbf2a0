package io.llmtwin.featurestore;

import java.util.Objects;

/**
 * One chunk of a cleaned document with its dense embedding, ready to be written.
 *
 * @param index position of the chunk in the document, from 0
 * @param text the chunk text (also encoded into the sparse lexical vector by the store)
 * @param embedding the dense vector from the embedding model
 */
public record EmbeddedChunk(int index, String text, float[] embedding) {
  public EmbeddedChunk {
    if (index < 0) {
      throw new IllegalArgumentException("chunk index must not be negative");
    }
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(embedding, "embedding");
  }
}
