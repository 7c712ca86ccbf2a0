package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sources, expansion, type selection and prompt formatting against the indexed corpus. */
class RetrieverBehaviourIT {
  private static IndexedCorpus corpus;

  @BeforeAll
  static void index() {
    corpus = IndexedCorpus.get();
  }

  @Test
  void resultsCarryTheirSources() {
    RetrievalResult result =
        corpus
            .retriever()
            .build()
            .search("ClientInterceptor that sets withDeadlineAfter", SearchOptions.defaults());

    RetrievedChunk first = result.chunks().get(0);
    assertThat(first.documentId()).isEqualTo("chloe-code-deadline-interceptor");
    assertThat(first.type()).isEqualTo(DocumentType.REPOSITORY);
    assertThat(first.platform()).isEqualTo(Platform.GITHUB);
    assertThat(first.title())
        .isEqualTo("src/main/java/dev/chloe/grpc/DefaultDeadlineInterceptor.java");
    assertThat(first.link()).isEqualTo("https://github.example/chloe-code-deadline-interceptor");
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2024-05-09T00:00:00Z"));
    assertThat(first.authorId()).isEqualTo("chloe");
    assertThat(first.text()).contains("withDeadlineAfter");
    assertThat(first.score()).isPositive();
    assertThat(result.chunks())
        .extracting(RetrievedChunk::score)
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void returnsOnlyTheRequestedTypesAndAtMostTopK() {
    RetrievalResult result =
        corpus
            .retriever()
            .build()
            .search(
                "Kafka consumer rebalancing",
                SearchOptions.defaults().withTypes(Set.of(DocumentType.POST)).withTopK(3));

    assertThat(result.chunks())
        .hasSizeLessThanOrEqualTo(3)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.type()).isEqualTo(DocumentType.POST));
    assertThat(result.chunks()).extracting(RetrievedChunk::pointId).doesNotHaveDuplicates();
  }

  @Test
  void expansionSearchesTheRewritesTooAndKeepsTheOriginalFirst() {
    List<String> asked = new ArrayList<>();
    ChatModel chat =
        new ChatModel() {
          @Override
          public String chat(String prompt) {
            asked.add(prompt);
            return "1. Prometheus memory blow-up from high cardinality labels\n2. too many time series";
          }
        };
    QdrantRetriever retriever =
        corpus.retriever().expander(new ChatModelQueryExpander(chat)).expansions(2).build();

    RetrievalResult result =
        retriever.search("why is my monitoring server so slow", SearchOptions.defaults());

    assertThat(asked).hasSize(1);
    assertThat(result.queries())
        .containsExactly(
            "why is my monitoring server so slow",
            "Prometheus memory blow-up from high cardinality labels",
            "too many time series");
    assertThat(result.chunks())
        .extracting(RetrievedChunk::documentId)
        .contains("chloe-post-cardinality");
  }

  @Test
  void aFailingChatModelLeavesTheOriginalQueryAlone() {
    ChatModel broken =
        new ChatModel() {
          @Override
          public String chat(String prompt) {
            throw new IllegalStateException("connection refused");
          }
        };
    QdrantRetriever retriever =
        corpus.retriever().expander(new ChatModelQueryExpander(broken)).build();

    RetrievalResult result = retriever.search("LoRA rank", SearchOptions.defaults());

    assertThat(result.queries()).containsExactly("LoRA rank");
    assertThat(result.chunks()).isNotEmpty();
  }

  @Test
  void expansionOffNeverCallsTheModel() {
    QdrantRetriever retriever =
        corpus
            .retriever()
            .expander(
                (q, n) -> {
                  throw new AssertionError("must not be called");
                })
            .build();

    RetrievalResult result =
        retriever.search("LoRA rank", SearchOptions.defaults().withExpansion(false));

    assertThat(result.queries()).containsExactly("LoRA rank");
  }

  @Test
  void formatsNumberedSourcesWithinATokenBudget() {
    RetrievalResult result =
        corpus.retriever().build().search("LoRA fine-tuning", SearchOptions.defaults());
    ContextFormatter formatter =
        new ContextFormatter(
            new dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator());

    PromptContext context = formatter.format(result.chunks(), 200);

    assertThat(context.sources()).isNotEmpty();
    assertThat(context.tokens()).isLessThanOrEqualTo(200);
    assertThat(context.text()).startsWith("[1] ");
    assertThat(context.sources().size() + context.omitted()).isEqualTo(result.chunks().size());
    for (RetrievedChunk included : context.sources()) {
      assertThat(context.text()).contains(included.text().strip());
    }
  }

  @Test
  void rejectsABlankQuery() {
    assertThatThrownBy(() -> corpus.retriever().build().search("  ", SearchOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
