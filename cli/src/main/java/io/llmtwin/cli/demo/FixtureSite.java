package io.llmtwin.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The demo author's blog on {@code 127.0.0.1}: {@code /blog/feed} (RSS), one HTML page per article
 * and a permissive {@code robots.txt}. The real crawler-service reads it (its SSRF guard
 * allow-lists this host for the demo only).
 */
public final class FixtureSite implements AutoCloseable {
  private final DemoCorpus corpus;
  private final HttpServer server;

  private FixtureSite(DemoCorpus corpus, HttpServer server) {
    this.corpus = corpus;
    this.server = server;
  }

  /** Starts the site on a free port of 127.0.0.1 (or {@code port} when positive). */
  public static FixtureSite start(DemoCorpus corpus, int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 16);
    FixtureSite site = new FixtureSite(corpus, server);
    server.createContext("/", site::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "fixture-site");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return site;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The blog's RSS feed. */
  public URI feed() {
    return base().resolve("/blog/feed");
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try (exchange) {
      if (path.equals("/robots.txt")) {
        send(exchange, 200, "text/plain", "User-agent: *\nAllow: /\n");
      } else if (path.equals("/blog/feed")) {
        send(exchange, 200, "application/rss+xml; charset=utf-8", rss());
      } else if (path.equals("/blog") || path.equals("/blog/")) {
        send(exchange, 200, "text/html; charset=utf-8", index());
      } else {
        for (DemoCorpus.Article a : corpus.articles()) {
          if (path.equals("/blog/" + a.slug())) {
            send(exchange, 200, "text/html; charset=utf-8", page(a));
            return;
          }
        }
        send(exchange, 404, "text/plain", "not found\n");
      }
    }
  }

  private String rss() {
    StringBuilder s =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n"
                + "<title>"
                + esc(corpus.authorName())
                + " — notes from the harbour</title>\n<link>"
                + base().resolve("/blog")
                + "</link>\n<description>Small boats, short trips.</description>\n");
    for (DemoCorpus.Article a : corpus.articles()) {
      s.append("<item><title>")
          .append(esc(a.title()))
          .append("</title><link>")
          .append(base().resolve("/blog/" + a.slug()))
          .append("</link><guid>")
          .append(base().resolve("/blog/" + a.slug()))
          .append("</guid><pubDate>")
          .append(rfc1123(a.date()))
          .append("</pubDate><author>")
          .append(esc(corpus.authorName()))
          .append("</author></item>\n");
    }
    return s.append("</channel></rss>\n").toString();
  }

  private String index() {
    StringBuilder s =
        new StringBuilder("<!doctype html><html><head><title>")
            .append(esc(corpus.authorName()))
            .append("</title></head><body><ul>");
    for (DemoCorpus.Article a : corpus.articles()) {
      s.append("<li><a href=\"/blog/")
          .append(a.slug())
          .append("\">")
          .append(esc(a.title()))
          .append("</a></li>");
    }
    return s.append("</ul></body></html>").toString();
  }

  private String page(DemoCorpus.Article a) {
    StringBuilder s =
        new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .append(esc(a.title()))
            .append("</title><meta name=\"author\" content=\"")
            .append(esc(corpus.authorName()))
            .append("\"><meta property=\"article:published_time\" content=\"")
            .append(a.date())
            .append("T08:00:00Z\"></head><body><header><nav><a href=\"/blog\">Home</a></nav>")
            .append("</header><main><article><h1>")
            .append(esc(a.title()))
            .append("</h1><p class=\"byline\">by ")
            .append(esc(corpus.authorName()))
            .append(", <time datetime=\"")
            .append(a.date())
            .append("\">")
            .append(a.date())
            .append("</time></p>");
    for (String p : a.paragraphs()) {
      s.append("<p>").append(esc(p)).append("</p>");
    }
    return s.append("</article></main><footer>© ")
        .append(esc(corpus.authorName()))
        .append("</footer></body></html>")
        .toString();
  }

  private static String rfc1123(String date) {
    return LocalDate.parse(date)
        .atTime(8, 0)
        .atOffset(ZoneOffset.UTC)
        .format(DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
