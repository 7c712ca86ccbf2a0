package io.llmtwin.inference.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.featurestore.retrieval.ContextFormatter;
import io.llmtwin.featurestore.retrieval.RetrievalResult;
import io.llmtwin.featurestore.retrieval.RetrievedChunk;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.featurestore.retrieval.SearchOptions;
import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.inference.engine.Generation;
import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.engine.TokenListener;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.prompt.PromptTemplate;
import io.llmtwin.support.problem.ApiProblemException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TwinGenerationServiceTest {
  final AtomicReference<GenerationRequest> seen = new AtomicReference<>();
  final AtomicReference<SearchOptions> searched = new AtomicReference<>();

  final TextGenerator echo =
      new TextGenerator() {
        @Override
        public Generation generate(GenerationRequest request, TokenListener listener) {
          seen.set(request);
          listener.onText("ok");
          GenerationResult result =
              new GenerationResult(
                  "ok",
                  1,
                  FinishReason.END_OF_SEQUENCE,
                  Duration.ZERO,
                  Duration.ZERO,
                  Duration.ZERO);
          return new Generation() {
            @Override
            public void cancel() {}

            @Override
            public CompletableFuture<GenerationResult> result() {
              return CompletableFuture.completedFuture(result);
            }
          };
        }

        @Override
        public void close() {}
      };

  final Retriever retriever =
      (query, options) -> {
        searched.set(options);
        return new RetrievalResult(
            query,
            Optional.of("a1"),
            false,
            List.of(query),
            List.of(chunk("a1", "Mine"), chunk("a2", "Not mine")));
      };

  final GenerationProperties properties =
      new GenerationProperties(32, null, null, 3, null, null, null);

  TwinGenerationService service(TextGenerator generator, Retriever retriever) {
    return new TwinGenerationService(
        generator,
        retriever,
        new ContextFormatter(
            new dev.langchain4j.model.TokenCountEstimator() {
              @Override
              public int estimateTokenCountInText(String text) {
                return text.length() / 4;
              }

              @Override
              public int estimateTokenCountInMessage(dev.langchain4j.data.message.ChatMessage m) {
                return 1;
              }

              @Override
              public int estimateTokenCountInMessages(
                  Iterable<dev.langchain4j.data.message.ChatMessage> m) {
                return 1;
              }
            }),
        new ActiveModel("twin", "3"),
        properties);
  }

  static TwinRequest request(String prompt, boolean rag) {
    return new TwinRequest(prompt, "a1", "medium", rag, 8, 0.0, 1.0, 7);
  }

  @Test
  void promptUsesTheSharedTemplateWithTheAuthorsNumberedContextOnly() throws Exception {
    TwinAnswer answer =
        service(echo, retriever).start(request("Rust", true), p -> {}).answer().get();

    assertThat(searched.get().authorId()).isEqualTo("a1");
    assertThat(searched.get().topK()).isEqualTo(3);
    assertThat(seen.get().prompt())
        .startsWith(PromptTemplate.PREAMBLE)
        .contains("Write a Medium article: Rust")
        .contains("[1] Mine")
        .doesNotContain("Not mine")
        .endsWith("### Response:\n");
    assertThat(answer.sources()).extracting(TwinAnswer.Source::title).containsExactly("Mine");
    assertThat(answer.model()).isEqualTo(new ActiveModel("twin", "3"));
    assertThat(answer.usage().completionTokens()).isEqualTo(1);
  }

  @Test
  void withoutARetrieverRagIsSkipped() throws Exception {
    TwinAnswer answer = service(echo, null).start(request("Rust", true), p -> {}).answer().get();
    assertThat(answer.sources()).isEmpty();
    assertThat(seen.get().prompt()).doesNotContain("### Context:");
  }

  @Test
  void withoutAModelAnswers503() {
    assertThatThrownBy(() -> service(null, retriever).start(request("Rust", true), p -> {}))
        .isInstanceOfSatisfying(
            ApiProblemException.class, e -> assertThat(e.type()).isEqualTo("model-unavailable"));
  }

  @Test
  void rejectsMaxTokensOverTheCap() {
    TwinRequest tooMany = new TwinRequest("Rust", "a1", null, false, 33, 0.0, 1.0, 7);
    assertThatThrownBy(() -> service(echo, retriever).start(tooMany, p -> {}))
        .isInstanceOfSatisfying(
            ApiProblemException.class, e -> assertThat(e.detail()).contains("maxTokens"));
  }

  private static RetrievedChunk chunk(String author, String title) {
    return new RetrievedChunk(
        title,
        title,
        0,
        "Text of " + title,
        author,
        DocumentType.ARTICLE,
        Platform.MEDIUM,
        "https://example.org/" + author,
        title,
        null,
        0.5);
  }
}
