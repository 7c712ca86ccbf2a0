package io.llmtwin.crawler.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.FetchFailure;
import io.llmtwin.web.fetch.FetchedPage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedReaderTest {
  private static FetchedPage page(String xml) {
    return new FetchedPage(
        URI.create("https://blog.example.org/feed"),
        200,
        "application/rss+xml",
        xml.getBytes(StandardCharsets.UTF_8),
        null,
        null);
  }

  @Test
  void readsRssAndAtom() {
    var rss =
        new FeedReader()
            .read(
                page(
                    "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>B</title>"
                        + "<item><title>One</title><link>/posts/one?utm_source=rss</link><pubDate>Mon, 05 Feb 2024 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>Body</p>]]></content:encoded></item></channel></rss>"));
    assertThat(rss).hasSize(1);
    assertThat(rss.get(0).link()).isEqualTo("https://blog.example.org/posts/one?utm_source=rss");
    assertThat(rss.get(0).publishedAt()).hasToString("2024-02-05T10:00:00Z");
    assertThat(rss.get(0).contentHtml()).contains("<p>Body</p>");
    assertThat(WebCrawler.withoutTrackingParameters(rss.get(0).link()))
        .isEqualTo("https://blog.example.org/posts/one");

    var atom =
        new FeedReader()
            .read(
                page(
                    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
                        + "<entry><title>Two</title><link rel=\"alternate\" href=\"https://blog.example.org/two\"/><published>2024-03-01T00:00:00Z</published></entry></feed>"));
    assertThat(atom)
        .extracting(FeedReader.FeedItem::link)
        .containsExactly("https://blog.example.org/two");
  }

  @Test
  void brokenFeedsAreMalformedContent() {
    for (String broken :
        new String[] {
          "<rss><channel><item><title>cut off",
          "<html><body>not a feed</body></html>",
          "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&e;</title></channel></rss>"
        }) {
      assertThat(
              catchThrowableOfType(
                      FetchFailedException.class, () -> new FeedReader().read(page(broken)))
                  .failure())
          .as(broken)
          .isEqualTo(FetchFailure.MALFORMED_CONTENT);
    }
  }
}
