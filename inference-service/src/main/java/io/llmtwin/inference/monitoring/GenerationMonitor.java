package io.llmtwin.inference.monitoring;

import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.inference.rag.ActiveModel;
import io.llmtwin.inference.rag.TwinAnswer;
import io.llmtwin.inference.rag.TwinGeneration;
import io.llmtwin.inference.rag.TwinRequest;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every generation request: Micrometer metrics per endpoint ({@code
 * llmtwin.inference.requests} latency by outcome, {@code llmtwin.inference.tokens}, {@code
 * llmtwin.inference.retrieval.hits}, {@code llmtwin.inference.errors}) and a sampled {@link
 * PromptTrace} in MongoDB (and Comet when a key is set), written off the request thread.
 */
public class GenerationMonitor {
  private static final Logger log = LoggerFactory.getLogger(GenerationMonitor.class);

  private final MeterRegistry meters;
  private final TraceWriter writer;
  private final TraceProperties properties;
  private final Supplier<ActiveModel> model;
  private final Clock clock;

  GenerationMonitor(
      MeterRegistry meters,
      TraceWriter writer,
      TraceProperties properties,
      Supplier<ActiveModel> model,
      Clock clock) {
    this.meters = meters;
    this.writer = writer;
    this.properties = properties;
    this.model = model;
    this.clock = clock;
  }

  /**
   * Builds the request and starts the generation, recording what happens. Problems thrown by either
   * step are counted, traced and rethrown.
   */
  public TwinGeneration start(
      Endpoint endpoint,
      ApiKeyPrincipal caller,
      Supplier<TwinRequest> request,
      Function<TwinRequest, TwinGeneration> start) {
    Instant createdAt = clock.instant();
    long began = System.nanoTime();
    TwinRequest built = null;
    TwinGeneration generation;
    try {
      built = request.get();
      generation = start.apply(built);
    } catch (ApiProblemException e) {
      refused(endpoint, caller, built, createdAt, began, e);
      throw e;
    }
    TwinRequest traced = built;
    generation
        .answer()
        .whenComplete(
            (answer, failure) -> {
              if (failure != null) {
                failed(endpoint, caller, traced, generation, createdAt, began);
              } else {
                completed(endpoint, caller, traced, generation, answer, createdAt);
              }
            });
    return generation;
  }

  /** Counts a request refused before it reached generation (size or rate limit). */
  public void rejected(Endpoint endpoint, ApiKeyPrincipal caller, String slug, Instant at) {
    counter(endpoint, slug);
    timer(endpoint, outcome(slug)).record(Duration.ZERO);
    trace(unanswered(endpoint, caller, null, "", List.of(), at, 0, slug));
  }

  private void completed(
      Endpoint endpoint,
      ApiKeyPrincipal caller,
      TwinRequest request,
      TwinGeneration generation,
      TwinAnswer answer,
      Instant createdAt) {
    String outcome = answer.finishReason() == FinishReason.CANCELLED ? "cancelled" : "ok";
    timer(endpoint, outcome).record(answer.timings().totalMs(), TimeUnit.MILLISECONDS);
    DistributionSummary.builder("llmtwin.inference.tokens")
        .description("tokens per request")
        .baseUnit("tokens")
        .tags("endpoint", endpoint.tag(), "kind", "prompt")
        .register(meters)
        .record(answer.usage().promptTokens());
    DistributionSummary.builder("llmtwin.inference.tokens")
        .description("tokens per request")
        .baseUnit("tokens")
        .tags("endpoint", endpoint.tag(), "kind", "completion")
        .register(meters)
        .record(answer.usage().completionTokens());
    DistributionSummary.builder("llmtwin.inference.retrieval.hits")
        .description("retrieved sources given to the model per request")
        .tags("endpoint", endpoint.tag(), "rag", Boolean.toString(request.useRag()))
        .register(meters)
        .record(answer.sources().size());
    Timer.builder("llmtwin.inference.first.token")
        .description("time to the first generated text")
        .tags("endpoint", endpoint.tag(), "rag", Boolean.toString(request.useRag()))
        .register(meters)
        .record(answer.timings().firstTokenMs(), TimeUnit.MILLISECONDS);
    trace(
        new PromptTrace(
            UUID.randomUUID().toString(),
            createdAt,
            endpoint.tag(),
            request.authorId(),
            caller.keyId(),
            cut(request.prompt()),
            cut(generation.prompt()),
            request.article() == null ? null : request.article().url(),
            generation.sourceIds(),
            cut(answer.text()),
            answer.usage().promptTokens(),
            answer.usage().completionTokens(),
            answer.timings().retrievalMs(),
            answer.timings().firstTokenMs(),
            answer.timings().totalMs(),
            answer.model().name(),
            answer.model().version(),
            outcome,
            answer.finishReason().name().toLowerCase(java.util.Locale.ROOT),
            null));
  }

  private void failed(
      Endpoint endpoint,
      ApiKeyPrincipal caller,
      TwinRequest request,
      TwinGeneration generation,
      Instant createdAt,
      long began) {
    long totalMs = (System.nanoTime() - began) / 1_000_000;
    counter(endpoint, "generation-failed");
    timer(endpoint, "failed").record(totalMs, TimeUnit.MILLISECONDS);
    trace(
        unanswered(
            endpoint,
            caller,
            request,
            generation.prompt(),
            generation.sourceIds(),
            createdAt,
            totalMs,
            "generation-failed"));
  }

  private void refused(
      Endpoint endpoint,
      ApiKeyPrincipal caller,
      TwinRequest request,
      Instant createdAt,
      long began,
      ApiProblemException e) {
    String slug = slug(e);
    long totalMs = (System.nanoTime() - began) / 1_000_000;
    counter(endpoint, slug);
    timer(endpoint, outcome(slug)).record(totalMs, TimeUnit.MILLISECONDS);
    trace(unanswered(endpoint, caller, request, "", List.of(), createdAt, totalMs, slug));
  }

  /** The trace of a request that got no completion ({@code request} null: not even parsed). */
  private PromptTrace unanswered(
      Endpoint endpoint,
      ApiKeyPrincipal caller,
      TwinRequest request,
      String renderedPrompt,
      List<String> sourceIds,
      Instant createdAt,
      long totalMs,
      String slug) {
    return new PromptTrace(
        UUID.randomUUID().toString(),
        createdAt,
        endpoint.tag(),
        request != null ? request.authorId() : caller == null ? "" : caller.authorId(),
        caller == null ? "" : caller.keyId(),
        request == null ? "" : cut(request.prompt()),
        cut(renderedPrompt),
        request == null || request.article() == null ? null : request.article().url(),
        sourceIds,
        "",
        0,
        0,
        0,
        0,
        totalMs,
        model.get().name(),
        model.get().version(),
        outcome(slug),
        null,
        slug);
  }

  private static String slug(ApiProblemException e) {
    String type = e.type();
    return type.substring(type.lastIndexOf('/') + 1);
  }

  static String outcome(String slug) {
    return switch (slug) {
      case "too-many-requests" -> "rejected";
      case "model-unavailable" -> "unavailable";
      case "generation-failed", "generation-timeout" -> "failed";
      default -> "invalid";
    };
  }

  private void counter(Endpoint endpoint, String slug) {
    Counter.builder("llmtwin.inference.errors")
        .description("requests refused or failed, by problem type")
        .tags("endpoint", endpoint.tag(), "type", slug)
        .register(meters)
        .increment();
  }

  private Timer timer(Endpoint endpoint, String outcome) {
    return Timer.builder("llmtwin.inference.requests")
        .description("end-to-end latency of generation requests")
        .tags("endpoint", endpoint.tag(), "outcome", outcome)
        .publishPercentileHistogram()
        .register(meters);
  }

  private String cut(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= properties.maxTextChars()
        ? text
        : text.substring(0, properties.maxTextChars());
  }

  private void trace(PromptTrace trace) {
    if (!properties.enabled()
        || (properties.sampleRate() < 1
            && ThreadLocalRandom.current().nextDouble() >= properties.sampleRate())) {
      return;
    }
    try {
      writer.write(trace);
    } catch (RuntimeException e) {
      log.warn("could not queue a prompt trace: {}", e.toString());
    }
  }
}
