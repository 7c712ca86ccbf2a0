package io.llmtwin.inference.rag;

import io.llmtwin.featurestore.retrieval.ContextFormatter;
import io.llmtwin.featurestore.retrieval.PromptContext;
import io.llmtwin.featurestore.retrieval.RetrievalResult;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.featurestore.retrieval.SearchOptions;
import io.llmtwin.inference.engine.Generation;
import io.llmtwin.inference.engine.GenerationRejectedException;
import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.ModelUnavailableException;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.engine.TokenListener;
import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.model.prompt.PromptTemplate;
import io.llmtwin.support.problem.ApiProblemException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Writes in the author's voice: retrieves the author's own chunks (when asked and a {@link
 * Retriever} is configured), renders the shared {@link PromptTemplate} with the numbered context,
 * and streams the model's text.
 *
 * <p>Without a {@link TextGenerator} (no model configured) every call fails with 503 {@code
 * model-unavailable}; without a {@link Retriever} ({@code llmtwin.retrieval.enabled} not set) RAG
 * is skipped and the answer has no sources.
 */
public class TwinGenerationService {
  private static final Logger log = LoggerFactory.getLogger(TwinGenerationService.class);

  /** Platform hints a request may give. */
  public static final Set<String> PLATFORMS = Set.of("linkedin", "medium", "substack", "blog");

  private final TextGenerator generator;
  private final Retriever retriever;
  private final ContextFormatter formatter;
  private final Supplier<ActiveModel> model;
  private final GenerationProperties properties;

  /**
   * @param generator the model, null when none is configured
   * @param retriever the feature store's retriever, null when retrieval is disabled
   * @param formatter formats retrieved chunks as numbered context
   * @param model name and version reported to clients
   * @param properties limits and defaults
   */
  public TwinGenerationService(
      TextGenerator generator,
      Retriever retriever,
      ContextFormatter formatter,
      ActiveModel model,
      GenerationProperties properties) {
    this(generator, retriever, formatter, () -> model, properties);
  }

  /**
   * @param generator the model, null when none is configured
   * @param retriever the feature store's retriever, null when retrieval is disabled
   * @param formatter formats retrieved chunks as numbered context
   * @param model the model served now (changes when the registry's alias moves)
   * @param properties limits and defaults
   */
  public TwinGenerationService(
      TextGenerator generator,
      Retriever retriever,
      ContextFormatter formatter,
      Supplier<ActiveModel> model,
      GenerationProperties properties) {
    this.generator = generator;
    this.retriever = retriever;
    this.formatter = formatter;
    this.model = model;
    this.properties = properties;
  }

  /** The model answers are attributed to. */
  public ActiveModel model() {
    return model.get();
  }

  /** Limits and defaults. */
  public GenerationProperties properties() {
    return properties;
  }

  /** True when a model is loaded. */
  public boolean modelAvailable() {
    return generator != null && generator.available();
  }

  /**
   * Validates the request, retrieves context and starts the generation.
   *
   * @param listener receives text pieces as they are generated; throwing cancels the generation
   * @throws ApiProblemException 400 for invalid input, 503 without a model, 429 when the queue is
   *     full
   */
  public TwinGeneration start(TwinRequest request, TokenListener listener) {
    validate(request);
    if (!modelAvailable()) {
      throw modelUnavailable();
    }
    long start = System.nanoTime();
    PromptContext context = retrieve(request);
    long retrievalMs = millisSince(start);
    List<TwinAnswer.Source> sources = sources(context);
    String retrieved = context == null ? null : context.text();
    LinkedArticle article = request.article();
    String promptContext =
        article == null
            ? retrieved
            : PromptTemplate.articleContext(
                article.title(), article.url(), article.content(), retrieved);
    String prompt =
        PromptTemplate.prompt(new InstructionSample(instruction(request), promptContext, null));
    GenerationRequest generation =
        new GenerationRequest(
            prompt,
            request.maxTokens(),
            request.temperature(),
            request.topP(),
            request.seed(),
            List.of(PromptTemplate.INSTRUCTION_HEADER));
    AtomicLong firstPieceAt = new AtomicLong();
    Generation running;
    try {
      running =
          generator.generate(
              generation,
              piece -> {
                firstPieceAt.compareAndSet(0, System.nanoTime());
                listener.onText(piece);
              });
    } catch (ModelUnavailableException e) {
      throw modelUnavailable();
    } catch (GenerationRejectedException e) {
      throw new ApiProblemException(
              HttpStatus.TOO_MANY_REQUESTS,
              "too-many-requests",
              "Too many requests",
              "all generation slots and the wait queue are busy; retry later")
          .with("retryAfterSeconds", properties.retryAfterSeconds());
    }
    int promptTokens = promptTokens(prompt);
    CompletableFuture<TwinAnswer> answer =
        running
            .result()
            .thenApply(
                result ->
                    answer(
                        result,
                        servedBy(running),
                        sources,
                        promptTokens,
                        start,
                        retrievalMs,
                        firstPieceAt.get()));
    List<String> sourceIds =
        context == null
            ? List.of()
            : context.sources().stream().map(c -> c.documentId() + "#" + c.chunkIndex()).toList();
    return new StartedGeneration(sources, answer, running, prompt, sourceIds);
  }

  private static ApiProblemException modelUnavailable() {
    return new ApiProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "model-unavailable",
        "Model unavailable",
        "no model is loaded (set llmtwin.inference.model.path or llmtwin.inference.registry.model;"
            + " a registry model may still be loading)");
  }

  /** The model version that runs {@code running} (it may differ from the current one). */
  private ActiveModel servedBy(Generation running) {
    ActiveModel current = model();
    return running
        .modelVersion()
        .map(version -> new ActiveModel(current.name(), version))
        .orElse(current);
  }

  private void validate(TwinRequest request) {
    if (request.prompt() == null || request.prompt().isBlank()) {
      throw ApiProblemException.invalid("prompt must not be empty");
    }
    if (request.prompt().length() > properties.maxPromptChars()) {
      throw ApiProblemException.invalid(
          "prompt is longer than " + properties.maxPromptChars() + " characters");
    }
    if (request.maxTokens() < 1 || request.maxTokens() > properties.maxTokensCap()) {
      throw ApiProblemException.invalid(
          "maxTokens must be between 1 and " + properties.maxTokensCap());
    }
    if (!(request.temperature() >= 0 && request.temperature() <= 2)) {
      throw ApiProblemException.invalid("temperature must be between 0 and 2");
    }
    if (!(request.topP() > 0 && request.topP() <= 1)) {
      throw ApiProblemException.invalid("topP must be greater than 0 and at most 1");
    }
    if (request.platform() != null
        && !PLATFORMS.contains(request.platform().toLowerCase(Locale.ROOT))) {
      throw ApiProblemException.invalid("platform must be one of " + PLATFORMS);
    }
  }

  private PromptContext retrieve(TwinRequest request) {
    if (!request.useRag() || retriever == null) {
      return null;
    }
    SearchOptions options =
        SearchOptions.defaults()
            .withAuthor(request.authorId())
            .withTopK(properties.retrievalTopK());
    RetrievalResult result = retriever.search(request.prompt(), options);
    // the retriever filters by author; keep that promise even if an adapter does not
    List<io.llmtwin.featurestore.retrieval.RetrievedChunk> own =
        result.chunks().stream().filter(c -> request.authorId().equals(c.authorId())).toList();
    if (own.size() != result.chunks().size()) {
      log.warn("retriever returned chunks of other authors; dropped {}", result.chunks().size());
    }
    return formatter.format(own, properties.contextTokenBudget());
  }

  static String instruction(TwinRequest request) {
    String platform =
        request.platform() == null ? null : request.platform().toLowerCase(Locale.ROOT);
    String prefix =
        switch (platform == null ? "" : platform) {
          case "linkedin" -> "Write a LinkedIn post: ";
          case "medium" -> "Write a Medium article: ";
          case "substack" -> "Write a Substack newsletter post: ";
          case "blog" -> "Write a blog post: ";
          default -> "";
        };
    return prefix + request.prompt().trim();
  }

  private static List<TwinAnswer.Source> sources(PromptContext context) {
    if (context == null) {
      return List.of();
    }
    List<TwinAnswer.Source> out = new java.util.ArrayList<>();
    for (var chunk : context.sources()) {
      out.add(
          new TwinAnswer.Source(
              out.size() + 1,
              chunk.title(),
              chunk.link(),
              chunk.platform().key(),
              chunk.type().key(),
              chunk.score()));
    }
    return out;
  }

  private int promptTokens(String prompt) {
    return generator.countTokens(prompt).orElse((prompt.length() + 3) / 4);
  }

  private TwinAnswer answer(
      GenerationResult result,
      ActiveModel servedBy,
      List<TwinAnswer.Source> sources,
      int promptTokens,
      long start,
      long retrievalMs,
      long firstPieceAt) {
    long totalMs = millisSince(start);
    long firstMs = firstPieceAt == 0 ? totalMs : (firstPieceAt - start) / 1_000_000;
    return new TwinAnswer(
        result.text(),
        sources,
        servedBy,
        new TwinAnswer.Usage(promptTokens, result.tokens()),
        new TwinAnswer.Timings(retrievalMs, firstMs, totalMs),
        result.finishReason());
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private record StartedGeneration(
      List<TwinAnswer.Source> sources,
      CompletableFuture<TwinAnswer> answer,
      Generation running,
      String prompt,
      List<String> sourceIds)
      implements TwinGeneration {
    @Override
    public void cancel() {
      running.cancel();
    }
  }
}
