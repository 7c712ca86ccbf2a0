package io.llmtwin.inference.api;

import io.llmtwin.featurestore.retrieval.RetrievalResult;
import io.llmtwin.featurestore.retrieval.RetrievedChunk;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.featurestore.retrieval.SearchOptions;
import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.inference.engine.Generation;
import io.llmtwin.inference.engine.GenerationRejectedException;
import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.engine.TokenListener;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A deterministic text generator and a two-author fixture feature store for API tests. */
@TestConfiguration(proxyBeanMethods = false)
public class FakeTwinBeans {

  /** The pieces the fake model writes, in order, one per token (cycling). */
  public static final List<String> PIECES = List.of("Hello", " from", " the", " twin", ".");

  @Bean
  FakeGenerator fakeGenerator() {
    return new FakeGenerator();
  }

  @Bean
  FakeRetriever fakeRetriever() {
    return new FakeRetriever();
  }

  /** The text the fake model writes for {@code tokens} tokens. */
  public static String expectedText(int tokens) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      out.append(PIECES.get(i % PIECES.size()));
    }
    return out.toString();
  }

  /** Writes {@link #PIECES} up to {@code maxTokens}; can be saturated or slowed down. */
  public static final class FakeGenerator implements TextGenerator {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** When set, every call is rejected as if the queue were full. */
    public final AtomicBoolean saturated = new AtomicBoolean();

    /** Pause between tokens (zero by default). */
    public final AtomicReference<Duration> tokenDelay = new AtomicReference<>(Duration.ZERO);

    /** The last prompt seen. */
    public final AtomicReference<String> lastPrompt = new AtomicReference<>();

    /** The finish reason of the last generation (null while running). */
    public final AtomicReference<FinishReason> lastFinish = new AtomicReference<>();

    @Override
    public Generation generate(GenerationRequest request, TokenListener listener) {
      if (saturated.get()) {
        throw new GenerationRejectedException("queue full");
      }
      lastPrompt.set(request.prompt());
      lastFinish.set(null);
      AtomicBoolean cancelled = new AtomicBoolean();
      CompletableFuture<GenerationResult> result = new CompletableFuture<>();
      threads.execute(
          () -> {
            StringBuilder text = new StringBuilder();
            int tokens = 0;
            FinishReason reason = FinishReason.MAX_TOKENS;
            while (tokens < request.maxTokens()) {
              if (cancelled.get()) {
                reason = FinishReason.CANCELLED;
                break;
              }
              String piece = PIECES.get(tokens % PIECES.size());
              try {
                listener.onText(piece);
              } catch (RuntimeException e) {
                reason = FinishReason.CANCELLED;
                break;
              }
              text.append(piece);
              tokens++;
              LockSupport.parkNanos(tokenDelay.get().toNanos());
            }
            lastFinish.set(reason);
            result.complete(
                new GenerationResult(
                    text.toString(),
                    tokens,
                    reason,
                    Duration.ZERO,
                    Duration.ofMillis(1),
                    Duration.ofMillis(2)));
          });
      return new Generation() {
        @Override
        public void cancel() {
          cancelled.set(true);
        }

        @Override
        public CompletableFuture<GenerationResult> result() {
          return result;
        }
      };
    }

    @Override
    public void close() {
      threads.shutdownNow();
      try {
        threads.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Chunks of author-1 and author-2; honours the author filter like the Qdrant retriever. */
  public static final class FakeRetriever implements Retriever {
    /** Time each search takes (zero by default; the API benchmark sets a realistic one). */
    public final AtomicReference<Duration> searchDelay = new AtomicReference<>(Duration.ZERO);

    private static final List<RetrievedChunk> CHUNKS =
        List.of(
            chunk("author-1", "Rust ownership explained", "https://blog.example/rust", 0.9),
            chunk("author-2", "Someone else's essay", "https://other.example/essay", 0.95),
            chunk("author-1", "Shipping small PRs", "https://blog.example/prs", 0.7));

    @Override
    public RetrievalResult search(String query, SearchOptions options) {
      LockSupport.parkNanos(searchDelay.get().toNanos());
      List<RetrievedChunk> chunks =
          CHUNKS.stream()
              .filter(c -> options.authorId() == null || c.authorId().equals(options.authorId()))
              .limit(options.topK())
              .toList();
      return new RetrievalResult(
          query, Optional.ofNullable(options.authorId()), false, List.of(query), chunks);
    }

    private static RetrievedChunk chunk(String author, String title, String link, double score) {
      return new RetrievedChunk(
          title.hashCode() + "",
          "doc-" + title.hashCode(),
          0,
          "Text of " + title + ".",
          author,
          DocumentType.ARTICLE,
          Platform.MEDIUM,
          link,
          title,
          null,
          score);
    }
  }
}
