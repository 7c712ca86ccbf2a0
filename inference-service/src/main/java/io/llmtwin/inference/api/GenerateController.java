package io.llmtwin.inference.api;

import io.llmtwin.inference.limits.LimitsProperties;
import io.llmtwin.inference.link.LinkedArticleReader;
import io.llmtwin.inference.monitoring.Endpoint;
import io.llmtwin.inference.monitoring.GenerationMonitor;
import io.llmtwin.inference.rag.LinkedArticle;
import io.llmtwin.inference.rag.TwinAnswer;
import io.llmtwin.inference.rag.TwinGeneration;
import io.llmtwin.inference.rag.TwinGenerationService;
import io.llmtwin.inference.rag.TwinRequest;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * {@code POST /api/v1/generate}: the twin writes in the author's voice, as one JSON answer or, with
 * {@code Accept: text/event-stream}, as {@code token} events followed by one {@code done} event.
 */
@RestController
@Tag(name = "generate", description = "The twin writes in the author's voice")
@RequestMapping("/api/v1/generate")
public class GenerateController {

  private final TwinGenerationService twin;
  private final GenerationMonitor monitor;
  private final LinkedArticleReader links;
  private final LimitsProperties limits;

  GenerateController(
      TwinGenerationService twin,
      GenerationMonitor monitor,
      LinkedArticleReader links,
      LimitsProperties limits) {
    this.twin = twin;
    this.monitor = monitor;
    this.links = links;
    this.limits = limits;
  }

  /** Generates and answers when done. */
  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Generate a post (JSON)",
      description =
          "Retrieves the author's documents (useRag), prompts the model and answers with text,"
              + " numbered sources, model, usage and timings. With link, the linked article is"
              + " fetched (SSRF guard, main-content extraction) and put into the prompt. 400 invalid"
              + " input or refused link, 401 no key, 403 another author, 413 body too large, 422"
              + " unreadable link, 429 rate limit or queue full (Retry-After), 503 no model, 504"
              + " timeout.")
  public TwinAnswer generate(
      @RequestBody GenerateRequest body,
      @Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller)
      throws InterruptedException {
    TwinGeneration generation =
        monitor.start(
            Endpoint.GENERATE,
            caller,
            () -> twinRequest(body, caller),
            request -> twin.start(request, piece -> {}));
    return TwinRequests.await(generation, limits.generationTimeout());
  }

  /**
   * Streams the text as {@code token} events ({@code {"text": ...}}), then a {@code done} event.
   */
  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Generate a post (Server-Sent Events)",
      description =
          "Same request; streams `token` events ({text}) and one `done` event with sources,"
              + " model, usage, timings and finishReason. Closing the stream cancels generation.")
  public SseEmitter stream(
      @RequestBody GenerateRequest body,
      @Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller) {
    return TwinEventStream.start(
        twin,
        monitor,
        Endpoint.GENERATE_STREAM,
        caller,
        () -> twinRequest(body, caller),
        new TwinEventStream.Format() {
          @Override
          public SseEventBuilder token(String piece) {
            return SseEmitter.event().name("token").data(Map.of("text", piece));
          }

          @Override
          public List<SseEventBuilder> done(TwinAnswer answer) {
            return List.of(SseEmitter.event().name("done").data(summary(answer)));
          }

          @Override
          public List<SseEventBuilder> failed() {
            return List.of(
                SseEmitter.event()
                    .name("error")
                    .data(Map.of("detail", "generation failed; see the service log")));
          }
        });
  }

  private static Map<String, Object> summary(TwinAnswer answer) {
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("sources", answer.sources());
    done.put("model", answer.model());
    done.put("usage", answer.usage());
    done.put("timings", answer.timings());
    done.put("finishReason", answer.finishReason());
    return done;
  }

  private TwinRequest twinRequest(GenerateRequest body, ApiKeyPrincipal caller) {
    if (body == null) {
      throw ApiProblemException.invalid("a JSON body with a prompt is required");
    }
    if (body.prompt() == null || body.prompt().isBlank()) {
      throw ApiProblemException.invalid("prompt must not be empty");
    }
    String author = TwinRequests.author(caller, body.authorId());
    LinkedArticle article =
        body.link() == null || body.link().isBlank() ? null : links.read(body.link().trim());
    return new TwinRequest(
        body.prompt(),
        author,
        body.platform(),
        body.useRag() == null || body.useRag(),
        body.maxTokens() == null ? twin.properties().defaultMaxTokens() : body.maxTokens(),
        body.temperature() == null ? TwinRequests.DEFAULT_TEMPERATURE : body.temperature(),
        body.topP() == null ? TwinRequests.DEFAULT_TOP_P : body.topP(),
        TwinRequests.seed(body.seed()),
        article);
  }
}
