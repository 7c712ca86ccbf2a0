package io.llmtwin.inference.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {
  final AtomicLong now = new AtomicLong();
  final TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(6, 2, now::get);

  @Test
  void allowsTheBurstThenSaysHowLongToWait() {
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isEqualTo(10); // 6 a minute: one token every 10 s
  }

  @Test
  void refillsAtTheConfiguredRateUpToTheBurst() {
    limiter.tryAcquire("k");
    limiter.tryAcquire("k");
    now.addAndGet(TimeUnit.SECONDS.toNanos(4));
    assertThat(limiter.tryAcquire("k")).isEqualTo(6);
    now.addAndGet(TimeUnit.SECONDS.toNanos(6));
    assertThat(limiter.tryAcquire("k")).isZero();
    now.addAndGet(TimeUnit.HOURS.toNanos(1));
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isPositive();
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    limiter.tryAcquire("a");
    limiter.tryAcquire("a");
    assertThat(limiter.tryAcquire("a")).isPositive();
    assertThat(limiter.tryAcquire("b")).isZero();
  }
}
