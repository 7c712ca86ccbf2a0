package io.llmtwin.inference.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import io.llmtwin.inference.TinyModelFixture;
import io.llmtwin.inference.api.FixtureFeatureStore;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * LangChain4j's OpenAI chat models, pointed at the service, complete and stream a chat answered by
 * the real tiny GGUF of {@link TinyModelFixture} (gibberish text: counts and finish reasons are
 * checked).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123",
      "llmtwin.inference.limits.requests-per-minute=0"
    })
@WithTestInfrastructure
@Import(FixtureFeatureStore.class)
class LangChain4jOpenAiIT {
  @LocalServerPort int port;

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    TinyModelFixture.serve(registry);
  }

  private String baseUrl() {
    return "http://localhost:" + port + "/v1";
  }

  @Test
  void chatModelCompletesAChat() {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl())
            .apiKey("test-key-123")
            .modelName("llm-twin")
            .maxTokens(5)
            .build();

    ChatResponse response = model.chat(dev.langchain4j.data.message.UserMessage.from("Rust?"));

    assertThat(response.aiMessage().text()).isNotEmpty();
    assertThat(response.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
    assertThat(response.tokenUsage().outputTokenCount()).isBetween(1, 5);
    assertThat(response.tokenUsage().inputTokenCount()).isPositive();
  }

  @Test
  void streamingChatModelStreamsAChat() throws Exception {
    OpenAiStreamingChatModel model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl())
            .apiKey("test-key-123")
            .modelName("llm-twin")
            .maxTokens(6)
            .build();
    StringBuilder partials = new StringBuilder();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    model.chat(
        "Rust?",
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            partials.append(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });

    ChatResponse response = done.get(30, TimeUnit.SECONDS);
    assertThat(partials.toString()).isNotEmpty();
    assertThat(response.aiMessage().text()).isEqualTo(partials.toString());
    assertThat(response.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
  }
}
