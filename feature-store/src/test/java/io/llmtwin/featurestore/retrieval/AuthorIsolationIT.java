package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.model.document.DocumentType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenant filter: a search for one author never returns another author's chunks. */
class AuthorIsolationIT {
  private static final List<String> AUTHORS = List.of("ana", "ben", "chloe");

  /** Queries that match each author's own writing strongly, so leaks would show. */
  private static final List<String> QUERIES =
      List.of(
          "NormalFloat quantisation levels for QLoRA",
          "Kafka consumer group rebalancing and max.poll.interval.ms",
          "Kubernetes liveness probe CrashLoopBackOff",
          "reciprocal rank fusion",
          "MongoDB change stream resume token",
          "gRPC deadline interceptor",
          "LoRA adapters");

  private static QdrantRetriever retriever;

  @BeforeAll
  static void index() {
    retriever = IndexedCorpus.get().retriever().build();
  }

  @Test
  void aSearchForOneAuthorNeverReturnsAnotherAuthorsChunksOfAnyType() {
    for (String author : AUTHORS) {
      for (DocumentType type : DocumentType.values()) {
        for (String query : QUERIES) {
          for (SearchMode mode : SearchMode.values()) {
            SearchOptions options =
                SearchOptions.defaults()
                    .withAuthor(author)
                    .withTypes(Set.of(type))
                    .withTopK(10)
                    .withMode(mode);
            RetrievalResult result = retriever.search(query, options);
            assertThat(result.chunks())
                .as("%s / %s / %s / %s", author, type, mode, query)
                .isNotEmpty()
                .allSatisfy(
                    c -> {
                      assertThat(c.authorId()).isEqualTo(author);
                      assertThat(c.type()).isEqualTo(type);
                    });
          }
        }
      }
    }
  }

  @Test
  void theAuthorOfTheOptionsWinsOverAnAuthorNamedInTheQuery() {
    RetrievalResult result =
        retriever.search(
            "What does Ben Okafor write about LoRA?",
            SearchOptions.defaults().withAuthor("chloe").withTopK(10));

    assertThat(result.authorId()).contains("chloe");
    assertThat(result.authorResolvedFromQuery()).isFalse();
    assertThat(result.chunks())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.authorId()).isEqualTo("chloe"));
  }

  @Test
  void anAuthorNamedInTheQueryRestrictsTheSearchToThatAuthor() {
    RetrievalResult result =
        retriever.search(
            "what has Chloe Martin written about idempotent retries",
            SearchOptions.defaults().withTopK(10));

    assertThat(result.authorId()).contains("chloe");
    assertThat(result.authorResolvedFromQuery()).isTrue();
    assertThat(result.chunks())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.authorId()).isEqualTo("chloe"));
  }

  @Test
  void anUnknownNameRestrictsNothing() {
    RetrievalResult result =
        retriever.search(
            "what has Maria Schmidt written about idempotent consumers and retries",
            SearchOptions.defaults().withTopK(10));

    assertThat(result.authorId()).isEmpty();
    assertThat(result.chunks().stream().map(RetrievedChunk::authorId).distinct().count())
        .isGreaterThan(1);
  }
}
