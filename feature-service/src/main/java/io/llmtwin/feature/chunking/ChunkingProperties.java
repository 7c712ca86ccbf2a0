package io.llmtwin.feature.chunking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Chunk sizes per document type in embedding-model tokens, {@code llmtwin.feature.chunking.*}.
 * Defaults and their reasons: {@code docs/adr/0050-chunk-sizes.md}.
 *
 * @param article articles: paragraphs/sections packed up to {@code max-tokens}; longer paragraphs
 *     split into windows overlapping by {@code overlap-tokens} (default 240 / 40)
 * @param post posts: whole unless longer than {@code max-tokens} (default 240 / 40)
 * @param repository code: top-level blocks packed up to {@code max-tokens}, no overlap (default 240
 *     / 0)
 */
@ConfigurationProperties("llmtwin.feature.chunking")
public record ChunkingProperties(Limits article, Limits post, Limits repository) {
  public ChunkingProperties {
    article = article == null ? new Limits(240, 40) : article;
    post = post == null ? new Limits(240, 40) : post;
    repository = repository == null ? new Limits(240, 0) : repository;
  }

  /** The defaults. */
  public static ChunkingProperties defaults() {
    return new ChunkingProperties(null, null, null);
  }

  /**
   * Size limits of one type.
   *
   * @param maxTokens most tokens in a chunk (a single word longer than that stays whole)
   * @param overlapTokens tokens repeated from the end of a window at the start of the next
   */
  public record Limits(int maxTokens, int overlapTokens) {
    public Limits {
      if (maxTokens < 16) {
        throw new IllegalArgumentException("max-tokens must be at least 16, was " + maxTokens);
      }
      if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
        throw new IllegalArgumentException(
            "overlap-tokens must be between 0 and max-tokens/2, was " + overlapTokens);
      }
    }
  }
}
