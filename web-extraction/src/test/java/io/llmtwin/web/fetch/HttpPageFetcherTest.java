package io.llmtwin.web.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpPageFetcherTest {
  private HttpServer server;
  private String base;
  private final AtomicInteger flakyCalls = new AtomicInteger();
  private final List<String> userAgents = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final HostResolver resolver = HostResolver.system();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/robots.txt",
        ex ->
            send(
                ex, 200, "text/plain", "User-agent: *\nDisallow: /private/\nAllow: /private/ok\n"));
    server.createContext("/page", ex -> send(ex, 200, "text/html; charset=utf-8", "<p>hello</p>"));
    server.createContext("/private/", ex -> send(ex, 200, "text/html", "<p>secret</p>"));
    server.createContext(
        "/latin1",
        ex -> {
          byte[] body = "<p>caf\u00e9 cr\u00e8me</p>".getBytes(Charset.forName("ISO-8859-1"));
          ex.getResponseHeaders().add("Content-Type", "text/html; charset=ISO-8859-1");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/broken-utf8",
        ex -> {
          byte[] body = {'<', 'p', '>', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '<', '/', 'p', '>'};
          ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/huge",
        ex -> {
          ex.getResponseHeaders().add("Content-Type", "text/html");
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 40; i++) {
              out.write(chunk);
            }
          } catch (IOException e) {
            // the client stops reading at the cap
          }
        });
    server.createContext("/image", ex -> send(ex, 200, "image/png", "PNG"));
    server.createContext("/to-private", ex -> redirect(ex, "http://10.0.0.7/internal"));
    server.createContext("/to-page", ex -> redirect(ex, "/page"));
    server.createContext("/loop", ex -> redirect(ex, "/loop"));
    server.createContext(
        "/flaky",
        ex -> {
          userAgents.add(ex.getRequestHeaders().getFirst("User-Agent"));
          if (flakyCalls.incrementAndGet() < 2) {
            send(ex, 503, "text/plain", "busy");
          } else {
            send(ex, 200, "text/html", "<p>finally</p>");
          }
        });
    server.createContext(
        "/etag",
        ex -> {
          if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
          } else {
            ex.getResponseHeaders().add("ETag", "\"v1\"");
            ex.getResponseHeaders().add("LAST-MODIFIED", "Sun, 01 Nov 2026 10:00:00 GMT");
            send(ex, 200, "text/html", "<p>v1</p>");
          }
        });
    server.start();
    base = "http://localhost:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpPageFetcher fetcher(FetchProperties props) {
    return new HttpPageFetcher(
        props,
        new SsrfGuard(new SsrfProperties(List.of("localhost"), List.of(), List.of()), resolver));
  }

  private HttpPageFetcher fetcher() {
    return fetcher(FetchProperties.fast());
  }

  @Test
  void fetchesPageAndFollowsSafeRedirect() {
    FetchedPage page = fetcher().fetch(URI.create(base + "/to-page"));
    assertThat(page.text()).isEqualTo("<p>hello</p>");
    assertThat(page.uri().getPath()).isEqualTo("/page");
  }

  @Test
  void refusesRedirectToPrivateAddress() {
    SsrfRefusedException refused =
        catchThrowableOfType(
            SsrfRefusedException.class, () -> fetcher().fetch(URI.create(base + "/to-private")));
    assertThat(refused.reason()).isEqualTo(SsrfReason.PRIVATE_ADDRESS);
  }

  @Test
  void refusesLoopbackWhenNotAllowListed() {
    HttpPageFetcher strict =
        new HttpPageFetcher(
            FetchProperties.fast(), new SsrfGuard(SsrfProperties.strict(), resolver));
    assertThat(
            catchThrowableOfType(
                    SsrfRefusedException.class, () -> strict.fetch(URI.create(base + "/page")))
                .reason())
        .isEqualTo(SsrfReason.LOOPBACK_ADDRESS);
  }

  @Test
  void stopsRedirectLoops() {
    FetchFailedException failed =
        catchThrowableOfType(
            FetchFailedException.class, () -> fetcher().fetch(URI.create(base + "/loop")));
    assertThat(failed.failure()).isEqualTo(FetchFailure.TOO_MANY_REDIRECTS);
  }

  @Test
  void honoursRobotsTxt() {
    assertThat(
            catchThrowableOfType(
                    FetchFailedException.class,
                    () -> fetcher().fetch(URI.create(base + "/private/x")))
                .failure())
        .isEqualTo(FetchFailure.ROBOTS_DISALLOWED);
    FetchProperties ignoreRobots =
        new FetchProperties(
            "t",
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            1_000_000,
            5,
            1,
            Duration.ofMillis(5),
            Duration.ZERO,
            false);
    assertThat(fetcher(ignoreRobots).fetch(URI.create(base + "/private/x")).text())
        .contains("secret");
  }

  @Test
  void capsResponseSize() {
    FetchFailedException failed =
        catchThrowableOfType(
            FetchFailedException.class, () -> fetcher().fetch(URI.create(base + "/huge")));
    assertThat(failed.failure()).isEqualTo(FetchFailure.RESPONSE_TOO_LARGE);
  }

  @Test
  void retriesServerErrorsWithBackoffAndSendsUserAgent() {
    FetchedPage page = fetcher().fetch(URI.create(base + "/flaky"));
    assertThat(page.text()).contains("finally");
    assertThat(flakyCalls).hasValue(2);
    assertThat(userAgents).allMatch(ua -> ua.startsWith("LLMTwinCrawler/"));
  }

  @Test
  void decodesDeclaredCharsetAndRejectsUndecodableBytes() {
    assertThat(fetcher().fetch(URI.create(base + "/latin1")).text())
        .contains("caf\u00e9 cr\u00e8me");
    FetchedPage broken = fetcher().fetch(URI.create(base + "/broken-utf8"));
    assertThat(catchThrowableOfType(FetchFailedException.class, broken::text).failure())
        .isEqualTo(FetchFailure.UNDECODABLE_CONTENT);
  }

  @Test
  void refusesNonTextContent() {
    assertThat(
            catchThrowableOfType(
                    FetchFailedException.class, () -> fetcher().fetch(URI.create(base + "/image")))
                .failure())
        .isEqualTo(FetchFailure.UNSUPPORTED_CONTENT_TYPE);
  }

  @Test
  void conditionalGetReportsNotModified() {
    FetchedPage first = fetcher().fetch(URI.create(base + "/etag"));
    FetchedPage second =
        fetcher()
            .fetch(URI.create(base + "/etag"), new PageFetcher.Conditional(first.etag(), null));
    assertThat(first.etag()).isEqualTo("\"v1\"");
    assertThat(first.lastModified()).isEqualTo("Sun, 01 Nov 2026 10:00:00 GMT");
    assertThat(second.notModified()).isTrue();
  }

  @Test
  void spacesRequestsToTheSameHost() {
    FetchProperties polite =
        new FetchProperties(
            "t",
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            1_000_000,
            5,
            0,
            Duration.ofMillis(5),
            Duration.ofMillis(150),
            false);
    HttpPageFetcher fetcher = fetcher(polite);
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      fetcher.fetch(URI.create(base + "/page"));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().add("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
