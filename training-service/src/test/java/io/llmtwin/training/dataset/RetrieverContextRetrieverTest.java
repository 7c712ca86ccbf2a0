package io.llmtwin.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import io.llmtwin.featurestore.FeatureStoreException;
import io.llmtwin.featurestore.retrieval.ContextFormatter;
import io.llmtwin.featurestore.retrieval.RetrievalResult;
import io.llmtwin.featurestore.retrieval.RetrievedChunk;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.featurestore.retrieval.SearchOptions;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetrieverContextRetrieverTest {
  /** One token per whitespace-separated word. */
  private static final TokenCountEstimator WORDS =
      new TokenCountEstimator() {
        @Override
        public int estimateTokenCountInText(String text) {
          String t = text.strip();
          return t.isEmpty() ? 0 : t.split("\\s+").length;
        }

        @Override
        public int estimateTokenCountInMessage(ChatMessage message) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
          throw new UnsupportedOperationException();
        }
      };

  /** Answers every search with fixed chunks and remembers what it was asked. */
  private static final class FakeRetriever implements Retriever {
    final List<RetrievedChunk> chunks;
    final List<SearchOptions> options = new ArrayList<>();
    final List<String> queries = new ArrayList<>();

    FakeRetriever(List<RetrievedChunk> chunks) {
      this.chunks = chunks;
    }

    @Override
    public RetrievalResult search(String query, SearchOptions searchOptions) {
      queries.add(query);
      options.add(searchOptions);
      return new RetrievalResult(
          query, Optional.ofNullable(searchOptions.authorId()), false, List.of(query), chunks);
    }
  }

  private static RetrievedChunk chunk(String documentId, String title, String text) {
    return new RetrievedChunk(
        documentId + "-0",
        documentId,
        0,
        text,
        "ana",
        DocumentType.ARTICLE,
        Platform.MEDIUM,
        null,
        title,
        null,
        1.0);
  }

  @Test
  void contextComesFromOtherDocumentsOfTheAuthorAsNumberedSources() {
    FakeRetriever fake =
        new FakeRetriever(
            List.of(
                chunk("self", "Outbox pattern", "The sample's own text."),
                chunk("doc-2", "Sagas", "Compensate each step."),
                chunk("doc-3", "Idempotency", "Deduplicate by message id.")));
    RetrieverContextRetriever retriever =
        new RetrieverContextRetriever(fake, new ContextFormatter(WORDS), 5);

    Optional<String> context = retriever.context("ana", "Write about distributed sagas", "self");

    assertThat(context).isPresent();
    assertThat(context.get())
        .startsWith("[1] Sagas — article, medium\nCompensate each step.")
        .contains("[2] Idempotency — article, medium\nDeduplicate by message id.")
        .doesNotContain("own text")
        .doesNotContain("Outbox");
    assertThat(fake.queries).containsExactly("Write about distributed sagas");
    assertThat(fake.options).singleElement().extracting(SearchOptions::authorId).isEqualTo("ana");
    assertThat(fake.options.get(0).expand()).isFalse();
  }

  @Test
  void atMostTopKSourcesWithinTheTokenBudget() {
    FakeRetriever fake =
        new FakeRetriever(
            List.of(
                chunk("doc-2", "A", "one two three"),
                chunk("doc-3", "B", "four five six"),
                chunk("doc-4", "C", "seven eight nine")));

    String twoOfThree =
        new RetrieverContextRetriever(fake, new ContextFormatter(WORDS), 2)
            .context("ana", "numbers", "self")
            .orElseThrow();
    assertThat(twoOfThree).contains("[1] A", "[2] B").doesNotContain("[3]");

    // each source costs 8 words ("[n] X — article, medium" + text): a 10-token budget fits one
    String budgeted =
        new RetrieverContextRetriever(fake, new ContextFormatter(WORDS, 10), 5)
            .context("ana", "numbers", "self")
            .orElseThrow();
    assertThat(budgeted).contains("[1] A").doesNotContain("[2]");
  }

  @Test
  void nothingButTheDocumentItselfOrNothingAtAllMeansNoContext() {
    ContextFormatter formatter = new ContextFormatter(WORDS);
    assertThat(
            new RetrieverContextRetriever(
                    new FakeRetriever(List.of(chunk("self", "Own", "own text"))), formatter, 5)
                .context("ana", "anything", "self"))
        .isEmpty();
    assertThat(
            new RetrieverContextRetriever(new FakeRetriever(List.of()), formatter, 5)
                .context("ana", "anything", "self"))
        .isEmpty();
  }

  @Test
  void aFailingSearchGivesNoContextInsteadOfFailingTheBuild() {
    Retriever failing =
        (query, options) -> {
          throw new FeatureStoreException("qdrant down", new IllegalStateException());
        };
    assertThat(
            new RetrieverContextRetriever(failing, new ContextFormatter(WORDS), 5)
                .context("ana", "anything", "self"))
        .isEmpty();
  }
}
