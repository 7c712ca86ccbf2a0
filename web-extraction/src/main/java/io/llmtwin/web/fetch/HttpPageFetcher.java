package io.llmtwin.web.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PageFetcher} on the JDK HTTP client: SSRF check before each request and redirect hop
 * (redirects are followed by hand), robots.txt, a per-host interval, retries with exponential
 * backoff, a response size cap and an honest User-Agent.
 */
public class HttpPageFetcher implements PageFetcher {
  private static final Logger log = LoggerFactory.getLogger(HttpPageFetcher.class);
  private static final Set<String> TEXT_TYPES =
      Set.of(
          "text/html",
          "application/xhtml+xml",
          "application/rss+xml",
          "application/atom+xml",
          "application/xml",
          "text/xml",
          "text/plain",
          "application/json");

  private final FetchProperties properties;
  private final SsrfGuard guard;
  private final HttpClient client;
  private final Map<String, Long> nextSlotByHost = new ConcurrentHashMap<>();
  private final Map<String, RobotsRules> robotsByOrigin = new ConcurrentHashMap<>();

  /** A fetcher with the given limits and guard. */
  public HttpPageFetcher(FetchProperties properties, SsrfGuard guard) {
    this.properties = properties;
    this.guard = guard;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(properties.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public FetchedPage fetch(URI uri, Conditional conditional) {
    return fetch(uri, conditional, true, Map.of());
  }

  @Override
  public FetchedPage fetchApi(URI uri, Map<String, String> headers) {
    return fetch(uri, Conditional.NONE, false, headers);
  }

  private FetchedPage fetch(
      URI uri, Conditional conditional, boolean robots, Map<String, String> headers) {
    URI current = uri;
    for (int hop = 0; hop <= properties.maxRedirects(); hop++) {
      guard.check(current);
      if (robots
          && properties.respectRobotsTxt()
          && !robotsFor(current).allows(pathAndQuery(current))) {
        throw new FetchFailedException(
            FetchFailure.ROBOTS_DISALLOWED,
            "robots.txt of " + current.getHost() + " disallows " + current);
      }
      Response response = sendWithRetries(current, conditional, headers);
      int status = response.status();
      if (status >= 300 && status < 400 && status != 304) {
        String location = response.header("location");
        if (location == null) {
          throw new FetchFailedException(
              FetchFailure.HTTP_ERROR, current + " answered " + status + " without a Location");
        }
        current = current.resolve(location.trim());
        continue;
      }
      if (status == 304) {
        return new FetchedPage(
            current, 304, "", new byte[0], conditional.etag(), conditional.lastModified());
      }
      if (status >= 400) {
        throw new FetchFailedException(
            FetchFailure.HTTP_ERROR, current + " answered HTTP " + status, status);
      }
      String contentType = response.header("content-type");
      String mime =
          contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (!mime.isEmpty() && !TEXT_TYPES.contains(mime)) {
        throw new FetchFailedException(
            FetchFailure.UNSUPPORTED_CONTENT_TYPE,
            current + " is " + mime + ", not a web page or feed");
      }
      return new FetchedPage(
          current,
          status,
          contentType == null ? "" : contentType,
          response.body(),
          response.header("etag"),
          response.header("last-modified"));
    }
    throw new FetchFailedException(
        FetchFailure.TOO_MANY_REDIRECTS,
        uri + " redirected more than " + properties.maxRedirects() + " times");
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private RobotsRules robotsFor(URI uri) {
    String origin = uri.getScheme() + "://" + uri.getRawAuthority();
    return robotsByOrigin.computeIfAbsent(origin, this::loadRobots);
  }

  private RobotsRules loadRobots(String origin) {
    URI robots = URI.create(origin + "/robots.txt");
    try {
      Response response = sendWithRetries(robots, Conditional.NONE, Map.of());
      if (response.status() >= 200 && response.status() < 300) {
        return RobotsRules.parse(
            new String(response.body(), StandardCharsets.UTF_8), productToken());
      }
      return RobotsRules.ALLOW_ALL;
    } catch (FetchFailedException e) {
      log.debug("robots.txt of {} unavailable ({}); crawling as allowed", origin, e.getMessage());
      return RobotsRules.ALLOW_ALL;
    }
  }

  private String productToken() {
    String ua = properties.userAgent();
    int slash = ua.indexOf('/');
    return (slash > 0 ? ua.substring(0, slash) : ua).trim();
  }

  private Response sendWithRetries(URI uri, Conditional conditional, Map<String, String> headers) {
    Duration backoff = properties.retryBackoff();
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= properties.maxRetries();
      try {
        awaitHostSlot(uri.getHost());
        Response response = send(uri, conditional, headers);
        if ((response.status() == 429 || response.status() >= 500) && !last) {
          pause(backoff);
          backoff = backoff.multipliedBy(2);
          continue;
        }
        return response;
      } catch (HttpTimeoutException e) {
        if (last) {
          throw new FetchFailedException(FetchFailure.TIMEOUT, uri + " timed out", e);
        }
      } catch (IOException e) {
        if (last) {
          throw new FetchFailedException(
              FetchFailure.CONNECTION_FAILED, "cannot fetch " + uri + ": " + e.getMessage(), e);
        }
      }
      pause(backoff);
      backoff = backoff.multipliedBy(2);
    }
  }

  private Response send(URI uri, Conditional conditional, Map<String, String> headers)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(properties.readTimeout())
            .header("User-Agent", properties.userAgent())
            .header(
                "Accept",
                "text/html,application/xhtml+xml,application/rss+xml,application/xml;q=0.9,*/*;q=0.5");
    headers.forEach(request::header);
    if (conditional.etag() != null) {
      request.header("If-None-Match", conditional.etag());
    }
    if (conditional.lastModified() != null) {
      request.header("If-Modified-Since", conditional.lastModified());
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailedException(
          FetchFailure.INTERRUPTED, "interrupted while fetching " + uri, e);
    }
    long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
    try (InputStream in = response.body()) {
      if (declared > properties.maxResponseBytes()) {
        throw tooLarge(uri);
      }
      byte[] body =
          in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxResponseBytes() + 1));
      if (body.length > properties.maxResponseBytes()) {
        throw tooLarge(uri);
      }
      return new Response(response.statusCode(), response.headers(), body);
    }
  }

  private FetchFailedException tooLarge(URI uri) {
    return new FetchFailedException(
        FetchFailure.RESPONSE_TOO_LARGE,
        uri + " is larger than the limit of " + properties.maxResponseBytes() + " bytes");
  }

  private void awaitHostSlot(String host) {
    long interval = properties.perHostInterval().toNanos();
    if (interval <= 0 || host == null) {
      return;
    }
    long now = System.nanoTime();
    long slot =
        nextSlotByHost.merge(
            host.toLowerCase(Locale.ROOT), now, (previous, n) -> Math.max(previous + interval, n));
    pause(Duration.ofNanos(slot - now));
  }

  private static void pause(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailedException(FetchFailure.INTERRUPTED, "interrupted while waiting", e);
    }
  }

  private record Response(int status, HttpHeaders headers, byte[] body) {
    /** The first value of a header (names are case-insensitive), or null. */
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
