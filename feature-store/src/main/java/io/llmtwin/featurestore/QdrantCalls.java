package io.llmtwin.featurestore;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for Qdrant's futures and turns their failures into {@link FeatureStoreException}s (shared
 * by the feature store and its retrieval package; not an API for other modules).
 */
public final class QdrantCalls {
  private QdrantCalls() {}

  /** The future's value, waiting at most {@code timeout}; {@code what} names the call in errors. */
  public static <T> T await(Future<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new FeatureStoreException("interrupted while waiting for Qdrant to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new FeatureStoreException(
          "Qdrant failed to " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FeatureStoreException("Qdrant did not " + what + " within " + timeout, e);
    }
  }
}
