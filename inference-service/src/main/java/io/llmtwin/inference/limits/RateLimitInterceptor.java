package io.llmtwin.inference.limits;

import io.llmtwin.inference.monitoring.Endpoint;
import io.llmtwin.inference.monitoring.GenerationMonitor;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/** Applies the per-key token bucket to generation requests: 429 with Retry-After when empty. */
class RateLimitInterceptor implements HandlerInterceptor {
  private final TokenBucketRateLimiter limiter;
  private final GenerationMonitor monitor;

  RateLimitInterceptor(TokenBucketRateLimiter limiter, GenerationMonitor monitor) {
    this.limiter = limiter;
    this.monitor = monitor;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!"POST".equals(request.getMethod())) {
      return true;
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !(auth.getPrincipal() instanceof ApiKeyPrincipal caller)) {
      return true;
    }
    long retryAfter = limiter.tryAcquire(caller.keyId());
    if (retryAfter == 0) {
      return true;
    }
    Endpoint endpoint = Endpoint.forPath(request.getRequestURI());
    monitor.rejected(endpoint, caller, "too-many-requests", Instant.now());
    throw new ApiProblemException(
            HttpStatus.TOO_MANY_REQUESTS,
            "too-many-requests",
            "Too many requests",
            "this API key's rate limit is used up; retry after " + retryAfter + " s")
        .with("retryAfterSeconds", retryAfter);
  }
}
