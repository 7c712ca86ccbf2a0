package io.llmtwin.inference.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.llmtwin.inference.TinyModelFixture;
import io.llmtwin.inference.api.ApiClient;
import io.llmtwin.inference.api.FixtureFeatureStore;
import io.llmtwin.testsupport.Sse;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The official OpenAI Java SDK, pointed at the service, completes and streams chats answered by the
 * real tiny GGUF of {@link TinyModelFixture} (gibberish text: counts and finish reasons are
 * checked, and the prompt is read from the request's trace).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123",
      "llmtwin.inference.limits.requests-per-minute=0"
    })
@WithTestInfrastructure
@Import(FixtureFeatureStore.class)
class OpenAiSdkIT {
  @LocalServerPort int port;

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    TinyModelFixture.serve(registry);
  }

  private OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl("http://localhost:" + port + "/v1")
        .apiKey(key)
        .maxRetries(0)
        .build();
  }

  private static ChatCompletionCreateParams.Builder chat(String message, long maxTokens) {
    return ChatCompletionCreateParams.builder()
        .model("llm-twin")
        .addSystemMessage("You are helpful.")
        .addUserMessage(message)
        .maxCompletionTokens(maxTokens)
        .temperature(0.0);
  }

  @Test
  void sdkCompletesAChatWithRagByDefault() throws Exception {
    String message = "Write about Rust " + System.nanoTime();
    ChatCompletion completion =
        client("test-key-123").chat().completions().create(chat(message, 5).build());

    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().get(0).message().content())
        .hasValueSatisfying(text -> assertThat(text).isNotEmpty());
    assertThat(completion.choices().get(0).finishReason())
        .isIn(ChatCompletion.Choice.FinishReason.LENGTH, ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage()).isPresent();
    long completionTokens = completion.usage().get().completionTokens();
    assertThat(completionTokens).isBetween(1L, 5L);
    assertThat(completion.usage().get().promptTokens()).isPositive();
    assertThat(completion.usage().get().totalTokens())
        .isEqualTo(completion.usage().get().promptTokens() + completionTokens);
    assertThat(completion.model()).isEqualTo("llm-twin");
    assertThat(renderedPrompt(message))
        .contains(message)
        .contains("[1] Rust ownership explained")
        .doesNotContain(FixtureFeatureStore.AUTHOR_2_TITLE);
  }

  @Test
  void extraBodyFieldRagFalseSkipsRetrieval() throws Exception {
    String message = "No context please " + System.nanoTime();
    client("test-key-123")
        .chat()
        .completions()
        .create(chat(message, 3).putAdditionalBodyProperty("rag", JsonValue.from(false)).build());

    assertThat(renderedPrompt(message)).contains(message).doesNotContain("### Context:");
  }

  @Test
  void sdkStreamsAChatWithUsage() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client("test-key-123")
            .chat()
            .completions()
            .createStreaming(
                chat("Write about Rust", 7)
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream().forEach(chunks::add);
    }

    String text =
        chunks.stream()
            .flatMap(c -> c.choices().stream())
            .map(c -> c.delta().content())
            .flatMap(Optional::stream)
            .collect(Collectors.joining());
    assertThat(text).isNotEmpty();
    assertThat(chunks.get(0).choices().get(0).delta().role())
        .as("the role chunk comes before every token")
        .contains(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
    assertThat(chunks.stream().flatMap(c -> c.choices().stream()))
        .anySatisfy(
            c ->
                assertThat(c.finishReason())
                    .hasValueSatisfying(
                        r ->
                            assertThat(r)
                                .isIn(
                                    ChatCompletionChunk.Choice.FinishReason.LENGTH,
                                    ChatCompletionChunk.Choice.FinishReason.STOP)));
    assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
    assertThat(chunks.get(chunks.size() - 1).usage().get().completionTokens()).isBetween(1L, 7L);
  }

  @Test
  void sdkListsTheServedModel() {
    assertThat(client("test-key-123").models().list().data())
        .extracting(m -> m.id())
        .containsExactly("llm-twin");
  }

  @Test
  void sdkWithAnUnknownKeyIsUnauthorized() {
    assertThatThrownBy(() -> client("wrong-key").models().list())
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void streamEndsWithDataDone() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/chat/completions"))
                    .header("Authorization", "Bearer test-key-123")
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"llm-twin\",\"stream\":true,\"max_tokens\":2,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    List<Sse.Event> events = Sse.parse(response.body());
    assertThat(events).allSatisfy(e -> assertThat(e.name()).isEqualTo("message"));
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    assertThat(events.get(events.size() - 2).data())
        .containsPattern("\"finish_reason\":\"(length|stop)\"");
  }

  /** The prompt the model got for the chat whose message contains {@code marker}. */
  private String renderedPrompt(String marker) {
    return new ApiClient(port).awaitTrace("test-key-123", marker).path("renderedPrompt").asString();
  }
}
