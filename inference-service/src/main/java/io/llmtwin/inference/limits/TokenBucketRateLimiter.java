package io.llmtwin.inference.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per API key: {@code burst} tokens, refilled at {@code requestsPerMinute}. Keys
 * are the configured API keys' labels, so the map stays small. (Bucket4j is not in this build's
 * repository; a bucket is a few lines.)
 */
public class TokenBucketRateLimiter {
  private final double capacity;
  private final double tokensPerNano;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param requestsPerMinute refill rate; must be positive
   * @param burst bucket size
   * @param nanoTime the clock ({@code System::nanoTime})
   */
  public TokenBucketRateLimiter(int requestsPerMinute, int burst, LongSupplier nanoTime) {
    this.capacity = burst;
    this.tokensPerNano = requestsPerMinute / 60e9;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one token of {@code key}'s bucket.
   *
   * @return 0 when the request may go ahead, else the whole seconds until a token is available
   */
  public long tryAcquire(String key) {
    return buckets.computeIfAbsent(key, k -> new Bucket(capacity, nanoTime.getAsLong())).take();
  }

  private final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    synchronized long take() {
      long now = nanoTime.getAsLong();
      tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double nanos = (1 - tokens) / tokensPerNano;
      return Math.max(1, (long) Math.ceil(nanos / 1e9));
    }
  }
}
