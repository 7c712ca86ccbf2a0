package io.llmtwin.inference.api;

import io.llmtwin.featurestore.retrieval.RetrievalResult;
import io.llmtwin.featurestore.retrieval.RetrievedChunk;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.featurestore.retrieval.SearchOptions;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A fixture feature store for API tests: chunks of two authors, searched with the author filter the
 * Qdrant retriever applies, so a response's sources show whose documents reached the prompt.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FixtureFeatureStore {
  /** Titles of author-1's chunks, in the order retrieval returns them. */
  public static final List<String> AUTHOR_1_TITLES =
      List.of("Rust ownership explained", "Shipping small PRs");

  /** Title of author-2's chunk, which author-1's requests must never see. */
  public static final String AUTHOR_2_TITLE = "Someone else's essay";

  @Bean
  FakeRetriever fakeRetriever() {
    return new FakeRetriever();
  }

  /** Chunks of author-1 and author-2; honours the author filter like the Qdrant retriever. */
  public static final class FakeRetriever implements Retriever {
    /** Time each search takes (zero by default; the API benchmark sets a realistic one). */
    public final AtomicReference<Duration> searchDelay = new AtomicReference<>(Duration.ZERO);

    private static final List<RetrievedChunk> CHUNKS =
        List.of(
            chunk("author-1", "Rust ownership explained", "https://blog.example/rust", 0.9),
            chunk("author-2", AUTHOR_2_TITLE, "https://other.example/essay", 0.95),
            chunk("author-1", "Shipping small PRs", "https://blog.example/prs", 0.7));

    @Override
    public RetrievalResult search(String query, SearchOptions options) {
      LockSupport.parkNanos(searchDelay.get().toNanos());
      List<RetrievedChunk> chunks =
          CHUNKS.stream()
              .filter(c -> options.authorId() == null || c.authorId().equals(options.authorId()))
              .limit(options.topK())
              .toList();
      return new RetrievalResult(
          query, Optional.ofNullable(options.authorId()), false, List.of(query), chunks);
    }

    private static RetrievedChunk chunk(String author, String title, String link, double score) {
      return new RetrievedChunk(
          title.hashCode() + "",
          "doc-" + title.hashCode(),
          0,
          "Text of " + title + ".",
          author,
          DocumentType.ARTICLE,
          Platform.MEDIUM,
          link,
          title,
          null,
          score);
    }
  }
}
