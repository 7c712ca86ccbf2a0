package io.llmtwin.crawler;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local web site whose pages tests set and change while it runs. */
public final class FixtureSite implements AutoCloseable {
  /** One response. */
  public record Page(int status, String contentType, byte[] body, Map<String, String> headers) {}

  private final HttpServer server;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  /** Starts a site on a free localhost port. */
  public FixtureSite() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          String key = exchange.getRequestURI().getRawPath();
          if (exchange.getRequestURI().getRawQuery() != null) {
            String withQuery = key + "?" + exchange.getRequestURI().getRawQuery();
            key = pages.containsKey(withQuery) ? withQuery : key;
          }
          hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          Page page = pages.get(key);
          if (page == null) {
            page =
                new Page(
                    404,
                    "text/html",
                    "<h1>Not found</h1>".getBytes(StandardCharsets.UTF_8),
                    Map.of());
          }
          page.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          exchange.getResponseHeaders().add("Content-Type", page.contentType());
          exchange.sendResponseHeaders(
              page.status(), page.body().length == 0 ? -1 : page.body().length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page.body());
          }
        });
    server.start();
  }

  /** Serves {@code html} (UTF-8) at {@code path}. */
  public FixtureSite html(String path, String html) {
    return put(path, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  /** Serves an RSS feed at {@code path}. */
  public FixtureSite rss(String path, String xml) {
    return put(
        path, 200, "application/rss+xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
  }

  /** Serves raw bytes. */
  public FixtureSite put(String path, int status, String contentType, byte[] body) {
    pages.put(path, new Page(status, contentType, body, Map.of()));
    return this;
  }

  /** Serves a page with extra headers. */
  public FixtureSite put(String path, Page page) {
    pages.put(path, page);
    return this;
  }

  /** Stops serving {@code path} (404 from now on). */
  public FixtureSite remove(String path) {
    pages.remove(path);
    return this;
  }

  /** Requests seen for {@code path}. */
  public int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /** Base URL, e.g. {@code http://localhost:12345}. */
  public String base() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** Absolute URL of {@code path}. */
  public String url(String path) {
    return base() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
