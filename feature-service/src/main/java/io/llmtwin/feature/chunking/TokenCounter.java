package io.llmtwin.feature.chunking;

import java.util.List;

/** Counts the embedding model's tokens (without special tokens) of pieces of text. */
public interface TokenCounter {

  /** The token count of each piece, in order. */
  int[] count(List<String> pieces);

  /** The token count of one text. */
  default int count(String text) {
    return count(List.of(text))[0];
  }
}
