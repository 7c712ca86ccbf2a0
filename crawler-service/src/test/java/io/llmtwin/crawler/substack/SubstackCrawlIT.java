package io.llmtwin.crawler.substack;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.crawler.CrawlerIntegrationTest;
import io.llmtwin.model.document.DocumentIds;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Substack publication crawl against a local site shaped like Substack. */
class SubstackCrawlIT extends CrawlerIntegrationTest {

  static String post(String slug, String title, String subtitle, String body) {
    return """
        <!DOCTYPE html><html lang="en"><head><title>%2$s - The Weekly Byte</title>
        <link rel="canonical" href="%1$s"><meta property="article:published_time" content="2024-05-02T07:30:00Z"></head>
        <body><div class="main-menu"><a href="/">The Weekly Byte</a><button>Subscribe</button></div>
        <div class="single-post"><div class="post-header"><h1 class="post-title">%2$s</h1><h3 class="subtitle">%3$s</h3></div>
        <div class="available-content"><div class="body markup" dir="auto">%4$s</div></div>
        <div class="subscription-widget-wrap"><p>Thanks for reading! Subscribe for free to receive new posts.</p></div>
        <div class="comments-page"><p>Loved this one, thank you for writing it every week.</p></div></div></body></html>
        """
        .formatted(SUBSTACK.url("/p/" + slug), title, subtitle, body);
  }

  static String feed(String... slugs) {
    StringBuilder items = new StringBuilder();
    for (String slug : slugs) {
      items.append(
          "<item><title>%s</title><link>%s</link><pubDate>Thu, 02 May 2024 07:30:00 GMT</pubDate></item>"
              .formatted(slug, SUBSTACK.url("/p/" + slug)));
    }
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>The Weekly Byte</title>"
        + items
        + "</channel></rss>";
  }

  @Test
  void storesPostsWithSubtitleAndCrawlingTwiceMakesNoDuplicates() {
    SUBSTACK.rss("/feed", feed("small-habits", "weekly-links"));
    SUBSTACK.html(
        "/p/small-habits",
        post(
            "small-habits",
            "Small Habits",
            "Why tiny changes last",
            "<p>Small habits compound quietly, and the compounding is the whole point of them.</p><h2>Start tiny</h2><ol><li>One page a day</li><li>One walk a day</li></ol>"));
    SUBSTACK.html(
        "/p/weekly-links",
        post(
            "weekly-links",
            "Weekly Links",
            "Five things I read",
            "<p>This week I read about databases, bread, and the history of the shipping container.</p>"));
    String publication = SUBSTACK.url("/");

    JsonNode first = link(crawl(publication, publication), publication);
    assertThat(first.get("platform").asString()).isEqualTo("SUBSTACK");
    assertThat(first.get("inserted").asInt()).isEqualTo(2);
    Document doc =
        mongo.findById(
            DocumentIds.forUrl(SUBSTACK.url("/p/small-habits")), Document.class, "articles");
    assertThat(doc.getString("title")).isEqualTo("Small Habits");
    assertThat(doc.getString("subtitle")).isEqualTo("Why tiny changes last");
    assertThat(doc.getString("platform")).isEqualTo("SUBSTACK");
    assertThat(doc.getString("content"))
        .contains("Small habits compound quietly", "## Start tiny", "1. One page a day")
        .doesNotContain("Subscribe", "Loved this one");

    JsonNode second = link(crawl(publication, SUBSTACK.url("/p/small-habits")), publication);
    assertThat(second.get("inserted").asInt()).isZero();
    assertThat(documents("articles", "platform", "SUBSTACK")).hasSize(2);
  }
}
