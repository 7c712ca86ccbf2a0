package io.llmtwin.inference.api;

import io.llmtwin.inference.rag.TwinRequest;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import java.util.concurrent.ThreadLocalRandom;

/** Turns API requests into {@link TwinRequest}s: defaults and the caller's author. */
public final class TwinRequests {
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
}
