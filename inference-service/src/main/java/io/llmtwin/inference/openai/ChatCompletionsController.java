package io.llmtwin.inference.openai;

import io.llmtwin.inference.api.TwinEventStream;
import io.llmtwin.inference.api.TwinRequests;
import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.inference.limits.LimitsProperties;
import io.llmtwin.inference.monitoring.Endpoint;
import io.llmtwin.inference.monitoring.GenerationMonitor;
import io.llmtwin.inference.rag.ActiveModel;
import io.llmtwin.inference.rag.TwinAnswer;
import io.llmtwin.inference.rag.TwinGeneration;
import io.llmtwin.inference.rag.TwinGenerationService;
import io.llmtwin.inference.rag.TwinRequest;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI-compatible surface: {@code POST /v1/chat/completions} (plain and streamed) and {@code
 * GET /v1/models}, authenticated with the service's API keys as bearer tokens.
 *
 * <p>The last {@code user} message is what the twin writes about; earlier messages and {@code
 * system} messages are not used (the shared prompt template sets the voice). The extra body field
 * {@code rag} (default true) switches retrieval of the caller's documents; {@code platform} and
 * {@code author_id} are accepted as extra fields too.
 */
@RestController
@Tag(name = "openai", description = "OpenAI-compatible chat completions and models")
public class ChatCompletionsController {

  private final TwinGenerationService twin;
  private final GenerationMonitor monitor;
  private final LimitsProperties limits;

  ChatCompletionsController(
      TwinGenerationService twin, GenerationMonitor monitor, LimitsProperties limits) {
    this.twin = twin;
    this.monitor = monitor;
    this.limits = limits;
  }

  /** Lists the one model this service serves. */
  @Operation(summary = "List models (OpenAI format)")
  @GetMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> models() {
    ActiveModel model = twin.model();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", model.name());
    entry.put("object", "model");
    entry.put("created", 0);
    entry.put("owned_by", "llm-twin:" + model.version());
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", List.of(entry));
    return list;
  }

  /** A chat completion, streamed as {@code data:} chunks and {@code [DONE]} when asked. */
  @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Chat completion (OpenAI format)",
      description =
          "The last user message is the prompt. stream=true answers `data: {chunk}` lines and"
              + " `data: [DONE]`. Extra body fields: rag (default true), platform, author_id.")
  public Object chatCompletions(
      @RequestBody JsonNode body,
      @Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller)
      throws InterruptedException {
    String id = "chatcmpl-" + UUID.randomUUID();
    long created = Instant.now().getEpochSecond();
    if (body != null && body.path("stream").asBoolean(false)) {
      boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
      return stream(body, caller, id, created, includeUsage);
    }
    TwinGeneration generation =
        monitor.start(
            Endpoint.CHAT,
            caller,
            () -> twinRequest(body, caller),
            request -> twin.start(request, piece -> {}));
    TwinAnswer answer = TwinRequests.await(generation, limits.generationTimeout());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", answer.text());
    message.put("refusal", null);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", finishReason(answer.finishReason()));
    Map<String, Object> completion = envelope(id, "chat.completion", created);
    completion.put("choices", List.of(choice));
    completion.put("usage", usage(answer.usage()));
    return completion;
  }

  private SseEmitter stream(
      JsonNode body, ApiKeyPrincipal caller, String id, long created, boolean includeUsage) {
    return TwinEventStream.start(
        twin,
        monitor,
        Endpoint.CHAT_STREAM,
        caller,
        () -> twinRequest(body, caller),
        new TwinEventStream.Format() {
          @Override
          public List<SseEventBuilder> opening() {
            return List.of(
                event(chunk(id, created, Map.of("role", "assistant", "content", ""), null)));
          }

          @Override
          public SseEventBuilder token(String piece) {
            return event(chunk(id, created, Map.of("content", piece), null));
          }

          @Override
          public List<SseEventBuilder> done(TwinAnswer answer) {
            List<SseEventBuilder> events = new ArrayList<>();
            events.add(event(chunk(id, created, Map.of(), finishReason(answer.finishReason()))));
            if (includeUsage) {
              Map<String, Object> usage = envelope(id, "chat.completion.chunk", created);
              usage.put("choices", List.of());
              usage.put("usage", usage(answer.usage()));
              events.add(event(usage));
            }
            events.add(doneMarker());
            return events;
          }

          @Override
          public List<SseEventBuilder> failed() {
            return List.of(
                event(Map.of("error", Map.of("message", "generation failed"))), doneMarker());
          }
        });
  }

  private static SseEventBuilder event(Object json) {
    return SseEmitter.event().data(json, JSON);
  }

  /** The stream's last line, {@code data: [DONE]}. */
  private static SseEventBuilder doneMarker() {
    return SseEmitter.event().data("[DONE]", MediaType.TEXT_PLAIN);
  }

  private static final MediaType JSON = MediaType.APPLICATION_JSON;

  private Map<String, Object> chunk(
      String id, long created, Map<String, Object> delta, String finishReason) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("logprobs", null);
    choice.put("finish_reason", finishReason);
    Map<String, Object> chunk = envelope(id, "chat.completion.chunk", created);
    chunk.put("choices", List.of(choice));
    return chunk;
  }

  private Map<String, Object> envelope(String id, String object, long created) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("object", object);
    out.put("created", created);
    out.put("model", twin.model().name());
    return out;
  }

  private static Map<String, Object> usage(TwinAnswer.Usage usage) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("prompt_tokens", usage.promptTokens());
    out.put("completion_tokens", usage.completionTokens());
    out.put("total_tokens", usage.promptTokens() + usage.completionTokens());
    return out;
  }

  static String finishReason(FinishReason reason) {
    return reason == FinishReason.MAX_TOKENS ? "length" : "stop";
  }

  private TwinRequest twinRequest(JsonNode body, ApiKeyPrincipal caller) {
    if (body == null || !body.isObject()) {
      throw ApiProblemException.invalid("the body must be a JSON object");
    }
    if (body.path("n").asInt(1) != 1) {
      throw ApiProblemException.invalid("only n = 1 is supported");
    }
    JsonNode maxTokens = body.path("max_completion_tokens");
    if (maxTokens.isMissingNode() || maxTokens.isNull()) {
      maxTokens = body.path("max_tokens");
    }
    return new TwinRequest(
        lastUserMessage(body.path("messages")),
        TwinRequests.author(caller, text(body.path("author_id"))),
        text(body.path("platform")),
        body.path("rag").asBoolean(true),
        number(maxTokens) ? maxTokens.asInt() : twin.properties().defaultMaxTokens(),
        number(body.path("temperature"))
            ? body.path("temperature").asDouble()
            : TwinRequests.DEFAULT_TEMPERATURE,
        number(body.path("top_p")) ? body.path("top_p").asDouble() : TwinRequests.DEFAULT_TOP_P,
        TwinRequests.seed(number(body.path("seed")) ? body.path("seed").asInt() : null));
  }

  private static boolean number(JsonNode node) {
    return node.isNumber();
  }

  private static String text(JsonNode node) {
    return node.isString() ? node.asString() : null;
  }

  private static String lastUserMessage(JsonNode messages) {
    if (!messages.isArray() || messages.isEmpty()) {
      throw ApiProblemException.invalid("messages must be a non-empty array");
    }
    String last = null;
    for (JsonNode message : messages.values()) {
      if ("user".equals(text(message.path("role")))) {
        last = content(message.path("content"));
      }
    }
    if (last == null || last.isBlank()) {
      throw ApiProblemException.invalid("a user message with text content is required");
    }
    return last;
  }

  private static String content(JsonNode content) {
    if (content.isString()) {
      return content.asString();
    }
    List<String> parts = new ArrayList<>();
    if (content.isArray()) {
      for (JsonNode part : content.values()) {
        if ("text".equals(text(part.path("type")))) {
          parts.add(part.path("text").asString(""));
        }
      }
    }
    return String.join("\n", parts);
  }
}
