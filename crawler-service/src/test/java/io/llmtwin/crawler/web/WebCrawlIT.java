package io.llmtwin.crawler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.crawler.CrawlerIntegrationTest;
import io.llmtwin.model.document.DocumentIds;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Any-article-URL crawls with bad input: every broken link fails on its own with a clear reason,
 * the good links in the same crawl are stored, and nothing stored is lost.
 */
class WebCrawlIT extends CrawlerIntegrationTest {

  static final String GOOD =
      """
      <html lang="en"><head><title>Notes on Latency | Alex's blog</title></head><body>
      <nav><a href="/">Home</a> <a href="/about">About</a></nav>
      <article><h1>Notes on Latency</h1><p>Latency hides in queues more often than in code, and queues hide in places nobody draws on diagrams.</p>
      <p>Measure the queue first, then the code, and only then the network between them.</p></article>
      <div class="cookie-banner"><p>We use cookies to make this site work and to understand how you use it.</p></div>
      <footer>© Alex</footer></body></html>
      """;

  @Test
  void eachBrokenLinkFailsClearlyWhileTheRestIsStored() {
    WEB.html("/good", GOOD);
    WEB.html(
        "/malformed",
        "<html><body><div><p>Unclosed paragraphs are still text that a reader would want to keep around<p>and a second one <b>bold <i>nested</div></span></p>");
    WEB.html("/empty", "");
    WEB.put(
        "/latin1",
        200,
        "text/html; charset=ISO-8859-1",
        "<html><body><article><h1>Caf\u00e9</h1><p>Un caf\u00e9 cr\u00e8me au soleil, voil\u00e0 ce qu'il faut pour bien commencer la journ\u00e9e.</p></article></body></html>"
            .getBytes(Charset.forName("ISO-8859-1")));
    WEB.put(
        "/meta-charset",
        200,
        "text/html",
        "<html><head><meta charset=\"windows-1252\"></head><body><article><p>Stra\u00dfe und M\u00fcnchen: eine Seite ohne Charset im Header, aber mit einem im Dokument selbst.</p></article></body></html>"
            .getBytes(Charset.forName("windows-1252")));
    WEB.put(
        "/bad-bytes",
        200,
        "text/html; charset=utf-8",
        new byte[] {'<', 'p', '>', (byte) 0xc3, (byte) 0x28, (byte) 0xff, '<', '/', 'p', '>'});
    WEB.put(
        "/huge",
        200,
        "text/html; charset=utf-8",
        ("<p>" + "x".repeat(1_200_000) + "</p>").getBytes(StandardCharsets.UTF_8));
    WEB.rss("/broken.xml", "<rss><channel><item><title>never closed");
    WEB.put("/photo.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    WEB.put("/binary", 200, "text/html", new byte[] {0, 1, 2, 3, 0, 0});

    JsonNode crawl =
        crawl(
            WEB.url("/good"),
            WEB.url("/malformed"),
            WEB.url("/empty"),
            WEB.url("/latin1"),
            WEB.url("/meta-charset"),
            WEB.url("/bad-bytes"),
            WEB.url("/huge"),
            WEB.url("/broken.xml"),
            WEB.url("/photo.png"),
            WEB.url("/binary"),
            WEB.url("/missing"));
    System.out.println("per-link results: " + crawl);

    assertThat(crawl.get("status").asString()).isEqualTo("DONE_WITH_FAILURES");
    assertThat(status(crawl, "/good")).isEqualTo("DONE");
    assertThat(status(crawl, "/malformed")).isEqualTo("DONE");
    assertThat(status(crawl, "/latin1")).isEqualTo("DONE");
    assertThat(status(crawl, "/meta-charset")).isEqualTo("DONE");
    assertThat(reason(crawl, "/empty")).isEqualTo("empty-content");
    assertThat(reason(crawl, "/bad-bytes")).isEqualTo("undecodable-content");
    assertThat(reason(crawl, "/huge")).isEqualTo("response-too-large");
    assertThat(reason(crawl, "/broken.xml")).isEqualTo("malformed-content");
    assertThat(reason(crawl, "/photo.png")).isEqualTo("unsupported-content-type");
    assertThat(reason(crawl, "/binary")).isEqualTo("undecodable-content");
    assertThat(reason(crawl, "/missing")).isEqualTo("nothing-found");

    Document good =
        mongo.findById(DocumentIds.forUrl(WEB.url("/good")), Document.class, "articles");
    assertThat(good.getString("platform")).isEqualTo("WEB");
    assertThat(good.getString("title")).isEqualTo("Notes on Latency");
    assertThat(good.getString("content"))
        .contains("Latency hides in queues")
        .doesNotContain("cookies", "Home");
    assertThat(content("/latin1")).contains("Un caf\u00e9 cr\u00e8me");
    assertThat(content("/meta-charset")).contains("Stra\u00dfe und M\u00fcnchen");
    assertThat(content("/malformed")).contains("Unclosed paragraphs", "bold nested");
  }

  @Test
  void failingRecrawlKeepsStoredDocumentAndGonePageIsDeleted() {
    WEB.html("/keeper", GOOD.replace("Notes on Latency", "Keeper"));
    assertThat(status(crawl(WEB.url("/keeper")), "/keeper")).isEqualTo("DONE");
    Document before =
        mongo.findById(DocumentIds.forUrl(WEB.url("/keeper")), Document.class, "articles");

    WEB.put("/keeper", 500, "text/html", "<p>oops</p>".getBytes(StandardCharsets.UTF_8));
    JsonNode failed = crawl(WEB.url("/keeper"));
    assertThat(reason(failed, "/keeper")).isEqualTo("http-error");
    assertThat(mongo.findById(DocumentIds.forUrl(WEB.url("/keeper")), Document.class, "articles"))
        .isEqualTo(before);

    WEB.remove("/keeper");
    JsonNode gone = crawl(WEB.url("/keeper"));
    assertThat(link(gone, WEB.url("/keeper")).get("deleted").asInt()).isEqualTo(1);
    assertThat(mongo.findById(DocumentIds.forUrl(WEB.url("/keeper")), Document.class, "articles"))
        .isNull();
  }

  @Test
  void blogFeedIsReadEntryByEntry() {
    WEB.html("/blog/one", GOOD.replace("Notes on Latency", "Entry One"));
    WEB.html("/blog/two", GOOD.replace("Notes on Latency", "Entry Two"));
    WEB.rss(
        "/blog/feed",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Blog</title>"
            + "<item><title>Entry One</title><link>"
            + WEB.url("/blog/one")
            + "</link></item>"
            + "<item><title>Entry Two</title><link>"
            + WEB.url("/blog/two")
            + "</link></item>"
            + "<item><title>Gone</title><link>"
            + WEB.url("/blog/missing")
            + "</link></item>"
            + "</channel></rss>");
    JsonNode result = link(crawl(WEB.url("/blog/feed")), WEB.url("/blog/feed"));
    assertThat(result.get("inserted").asInt()).isEqualTo(2);
    assertThat(result.get("failedItems").asInt()).isEqualTo(1);
    assertThat(result.get("failures").get(0).get("reason").asString()).isEqualTo("http-error");
  }

  private String content(String path) {
    return mongo
        .findById(DocumentIds.forUrl(WEB.url(path)), Document.class, "articles")
        .getString("content");
  }

  private static String status(JsonNode crawl, String path) {
    return link(crawl, WEB.url(path)).get("status").asString();
  }

  private static String reason(JsonNode crawl, String path) {
    JsonNode l = link(crawl, WEB.url(path));
    return l.get("status").asString().equals("FAILED")
        ? l.get("reason").asString()
        : "not failed: " + l;
  }
}
