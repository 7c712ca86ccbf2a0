package io.llmtwin.inference.api;

import io.llmtwin.inference.rag.TwinAnswer;
import io.llmtwin.inference.rag.TwinGeneration;
import io.llmtwin.inference.rag.TwinRequest;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/** Turns API requests into {@link TwinRequest}s: defaults and the caller's author. */
public final class TwinRequests {
  private static final Logger log = LoggerFactory.getLogger(TwinRequests.class);

  /** Sampling temperature when a request gives none. */
  public static final double DEFAULT_TEMPERATURE = 0.7;

  /** Nucleus threshold when a request gives none. */
  public static final double DEFAULT_TOP_P = 0.95;

  private TwinRequests() {}

  /**
   * The author a request acts for: the given one if the key may act for it, else the key's.
   *
   * @throws ApiProblemException 403 for another author's id
   */
  public static String author(ApiKeyPrincipal caller, String requested) {
    if (requested == null || requested.isBlank()) {
      return caller.authorId();
    }
    if (!caller.mayActFor(requested.trim())) {
      throw ApiProblemException.forbiddenAuthor(requested.trim());
    }
    return requested.trim();
  }

  /** The request's seed, or a random one. */
  public static int seed(Integer seed) {
    return seed != null ? seed : ThreadLocalRandom.current().nextInt(0, Integer.MAX_VALUE);
  }

  /**
   * Waits for the answer of a non-streamed generation.
   *
   * @throws ApiProblemException 504 {@code generation-timeout} (the generation is cancelled) or 500
   *     {@code generation-failed}
   * @throws InterruptedException when the request thread is interrupted (the generation is
   *     cancelled)
   */
  public static TwinAnswer await(TwinGeneration generation, Duration timeout)
      throws InterruptedException {
    try {
      return generation.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      generation.cancel();
      Thread.currentThread().interrupt();
      throw e;
    } catch (TimeoutException e) {
      generation.cancel();
      throw new ApiProblemException(
          HttpStatus.GATEWAY_TIMEOUT,
          "generation-timeout",
          "Generation timed out",
          "the generation took longer than " + timeout.toSeconds() + " s and was cancelled");
    } catch (ExecutionException e) {
      throw generationFailed(e.getCause());
    }
  }

  /** The 500 problem for an engine failure; the cause goes only to the log. */
  public static ApiProblemException generationFailed(Throwable cause) {
    Throwable root =
        cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
    log.warn("generation failed", root);
    return new ApiProblemException(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "generation-failed",
        "Generation failed",
        "the model failed to generate; see the service log");
  }
}
