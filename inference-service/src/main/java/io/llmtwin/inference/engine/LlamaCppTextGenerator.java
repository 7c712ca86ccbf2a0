package io.llmtwin.inference.engine;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Files;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TextGenerator} on llama.cpp through the {@code de.kherud:llama} JNI binding (which
 * bundles llama.cpp b4916, CPU/AVX2).
 *
 * <p>The model is loaded with the warm-up decode skipped: otherwise the warm-up runs on the calling
 * Java thread while llama.cpp's server loop decodes on another, and two OpenMP thread teams fight
 * over the cores (2-3× slower generation on 2 cores). llama.cpp runs one sequence per slot ({@code
 * --parallel}); the Java slot pool has the same size, so no request waits inside native code.
 *
 * <p>After {@link #close()} the binding may leave non-daemon native threads behind: a command-line
 * program should end with {@code System.exit}.
 */
public final class LlamaCppTextGenerator implements TextGenerator {

  private static final Logger log = LoggerFactory.getLogger(LlamaCppTextGenerator.class);
  private static final AtomicBoolean LOGGER_INSTALLED = new AtomicBoolean();

  private final LlamaCppOptions options;
  private final LlamaModel model;
  private final SlottedTextGenerator slots;

  /**
   * Loads the model.
   *
   * @throws ModelLoadException when the file is missing or llama.cpp refuses it
   */
  public LlamaCppTextGenerator(LlamaCppOptions options) {
    this.options = options;
    if (!Files.isRegularFile(options.model())) {
      throw new ModelLoadException("model file not found: " + options.model(), null);
    }
    for (LlamaCppOptions.LoraAdapter adapter : options.adapters()) {
      if (!Files.isRegularFile(adapter.file())) {
        throw new ModelLoadException("adapter file not found: " + adapter.file(), null);
      }
    }
    installLogger();
    ModelParameters params =
        new ModelParameters()
            .setModel(options.model().toString())
            .setThreads(options.threads())
            .setThreadsBatch(options.threads())
            .setParallel(options.slots())
            .setCtxSize(options.contextPerSlot() * options.slots())
            .skipWarmup();
    for (LlamaCppOptions.LoraAdapter adapter : options.adapters()) {
      params.addLoraAdapter(adapter.file().toString());
    }
    try {
      this.model = new LlamaModel(params);
    } catch (RuntimeException e) {
      throw new ModelLoadException(
          "llama.cpp could not load " + options.model() + ": " + e.getMessage(), e);
    }
    this.slots =
        new SlottedTextGenerator(this::open, options.slots(), options.queueCapacity(), "llama");
    log.info(
        "loaded {} ({} adapters) with {} threads, {} slots",
        options.model().getFileName(),
        options.adapters().size(),
        options.threads(),
        options.slots());
  }

  /** The options this generator was loaded with. */
  public LlamaCppOptions options() {
    return options;
  }

  /** Tokenizes text the way prompts are tokenized (without the BOS token llama.cpp prepends). */
  public int[] tokenize(String text) {
    return model.encode(text);
  }

  @Override
  public OptionalInt countTokens(String text) {
    return OptionalInt.of(tokenize(text).length);
  }

  @Override
  public Generation generate(GenerationRequest request, TokenListener listener) {
    return slots.generate(request, listener);
  }

  @Override
  public void close() {
    slots.close();
    model.close();
  }

  private TokenStream open(GenerationRequest request) {
    InferenceParameters params =
        new InferenceParameters(request.prompt())
            .setNPredict(request.maxTokens())
            .setTemperature((float) request.temperature())
            .setTopP((float) request.topP())
            .setSeed(request.seed())
            .setCachePrompt(true);
    return new LlamaTokenStream(model.generate(params).iterator());
  }

  private static void installLogger() {
    if (LOGGER_INSTALLED.compareAndSet(false, true)) {
      Logger nativeLog = LoggerFactory.getLogger("llama.cpp");
      LlamaModel.setLogger(
          LogFormat.TEXT,
          (level, message) -> {
            switch (level) {
              case ERROR -> nativeLog.warn("{}", message.strip());
              case WARN -> nativeLog.info("{}", message.strip());
              default -> nativeLog.trace("{}", message.strip());
            }
          });
    }
  }

  /** Adapts the binding's iterator: one element per token, the closing empty message dropped. */
  private static final class LlamaTokenStream implements TokenStream {
    private final LlamaIterator iterator;
    private LlamaOutput ahead;

    LlamaTokenStream(LlamaIterator iterator) {
      this.iterator = iterator;
    }

    @Override
    public boolean hasNext() {
      if (ahead != null) {
        return true;
      }
      if (!iterator.hasNext()) {
        return false;
      }
      LlamaOutput output = iterator.next();
      if (!iterator.hasNext() && output.text.isEmpty()) {
        return false; // the final message closes the stream and carries no token
      }
      ahead = output;
      return true;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      String text = ahead.text;
      ahead = null;
      return text;
    }

    @Override
    public void cancel() {
      if (iterator.hasNext()) {
        iterator.cancel();
      }
    }
  }
}
