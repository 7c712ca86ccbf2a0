package io.llmtwin.web.fetch;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * Politeness and limits of every HTTP request a {@link HttpPageFetcher} makes. Not bound by itself:
 * each service binds it under its own prefix ({@code llmtwin.crawler.fetch}, {@code
 * llmtwin.inference.link.fetch}) with {@link #bind}.
 *
 * @param userAgent the User-Agent header, naming the crawler and where to learn about it
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time allowed for a whole response
 * @param maxResponseBytes responses larger than this are refused
 * @param maxRedirects redirects followed (each one re-checked by the SSRF guard)
 * @param maxRetries retries after a timeout, connection error, 429 or 5xx
 * @param retryBackoff first backoff; doubled on each retry
 * @param perHostInterval minimum time between two requests to the same host (zero: off)
 * @param respectRobotsTxt whether robots.txt rules are honoured
 */
public record FetchProperties(
    @DefaultValue(
            "LLMTwinCrawler/0.1 (+https://llmtwin.io/crawler; collects an author's own content)")
        String userAgent,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("20s") Duration readTimeout,
    @DefaultValue("5242880") long maxResponseBytes,
    @DefaultValue("5") int maxRedirects,
    @DefaultValue("2") int maxRetries,
    @DefaultValue("500ms") Duration retryBackoff,
    @DefaultValue("1s") Duration perHostInterval,
    @DefaultValue("true") boolean respectRobotsTxt) {

  /** Defaults suitable for tests against a local fixture server: no politeness delays. */
  public static FetchProperties fast() {
    return new FetchProperties(
        "LLMTwinCrawler/0.1 (test)",
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        1_048_576,
        5,
        1,
        Duration.ofMillis(10),
        Duration.ZERO,
        true);
  }

  /**
   * Binds the settings under {@code prefix} (e.g. {@code llmtwin.crawler.fetch}); defaults for what
   * is not set.
   */
  public static FetchProperties bind(Environment environment, String prefix) {
    return Binder.get(environment).bindOrCreate(prefix, FetchProperties.class);
  }
}
