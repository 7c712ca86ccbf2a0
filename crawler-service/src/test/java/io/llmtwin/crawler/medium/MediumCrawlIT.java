package io.llmtwin.crawler.medium;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.crawler.CrawlerIntegrationTest;
import io.llmtwin.model.document.DocumentIds;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Medium profile crawl against a local site shaped like Medium: feed, article pages, re-crawls. */
class MediumCrawlIT extends CrawlerIntegrationTest {

  static String article(String slug, String title, String subtitle, String body) {
    return """
        <!DOCTYPE html><html lang="en"><head><title>%2$s | by Alex | Medium</title>
        <link rel="canonical" href="%1$s">
        <meta property="og:title" content="%2$s">
        <meta property="article:published_time" content="2024-03-01T10:00:00.000Z">
        </head><body>
        <div class="metabar"><a href="/">Medium</a><a href="/m/signin">Sign in</a></div>
        <article><div><h1 data-testid="storyTitle" class="pw-post-title">%2$s</h1>
        <h2 class="pw-subtitle-paragraph">%3$s</h2>
        <div class="pw-author"><a href="/@alex">Alex</a> · 4 min read</div>
        %4$s
        </div></article>
        <div class="responses-section"><p>Great article, thanks for sharing your thoughts with all of us here.</p></div>
        <footer><a href="/about">About</a><a href="/help">Help</a></footer>
        </body></html>
        """
        .formatted(MEDIUM.url("/@alex/" + slug), title, subtitle, body);
  }

  static final String BODY_ONE =
      """
      <p class="pw-post-body-paragraph">Every team I joined had a different idea of what done means, and it cost us weeks.</p>
      <h2>A shared checklist</h2>
      <ul><li>Tests pass in CI</li><li>Docs updated</li></ul>
      <pre><code class="language-java">int answer() {
          return 42;
      }</code></pre>
      <p class="pw-post-body-paragraph">Writing it down was the cheapest process change we ever made.</p>
      """;

  static String feed(String... slugs) {
    StringBuilder items = new StringBuilder();
    for (String slug : slugs) {
      items.append(
          """
          <item><title><![CDATA[%s]]></title><link>%s</link><guid isPermaLink="false">https://medium.com/p/%s</guid>
          <pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate></item>
          """
              .formatted(slug, MEDIUM.url("/@alex/" + slug + "?source=rss-abc123------2"), slug));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><title>Stories by Alex on Medium</title><link>%s</link>%s</channel></rss>
        """
        .formatted(MEDIUM.url("/@alex"), items);
  }

  @Test
  void storesArticlesThenRecrawlsIncrementally() {
    MEDIUM.rss("/feed/@alex", feed("definition-of-done-1a", "on-naming-2b", "old-notes-3c"));
    MEDIUM.html(
        "/@alex/definition-of-done-1a",
        article(
            "definition-of-done-1a",
            "The Definition of Done",
            "A checklist beats a debate",
            BODY_ONE));
    MEDIUM.html(
        "/@alex/on-naming-2b",
        article(
            "on-naming-2b",
            "On Naming",
            "Names are the first documentation",
            "<p>Good names save more time than clever code ever will, in every codebase I have read.</p>"));
    MEDIUM.html(
        "/@alex/old-notes-3c",
        article(
            "old-notes-3c",
            "Old Notes",
            "From the archive",
            "<p>These notes are from my first year of writing software for money and learning slowly.</p>"));
    String profile = MEDIUM.url("/@alex");

    JsonNode first = link(crawl(profile), profile);
    assertThat(first.get("status").asString()).isEqualTo("DONE");
    assertThat(first.get("platform").asString()).isEqualTo("MEDIUM");
    assertThat(first.get("inserted").asInt()).isEqualTo(3);

    String id = DocumentIds.forUrl(MEDIUM.url("/@alex/definition-of-done-1a"));
    Document stored = mongo.findById(id, Document.class, "articles");
    assertThat(stored).isNotNull();
    assertThat(stored.getString("type")).isEqualTo("ARTICLE");
    assertThat(stored.getString("platform")).isEqualTo("MEDIUM");
    assertThat(stored.getString("authorId")).isEqualTo(AUTHOR);
    assertThat(stored.getString("link")).isEqualTo(MEDIUM.url("/@alex/definition-of-done-1a"));
    assertThat(stored.getString("title")).isEqualTo("The Definition of Done");
    assertThat(stored.getString("subtitle")).isEqualTo("A checklist beats a debate");
    assertThat(stored.getString("language")).isEqualTo("en");
    assertThat(stored.get("publishedAt", Date.class).toInstant())
        .hasToString("2024-03-01T10:00:00Z");
    assertThat(stored.get("fetchedAt", Date.class)).isNotNull();
    String content = stored.getString("content");
    assertThat(content)
        .startsWith("Every team I joined")
        .contains(
            "## A shared checklist",
            "- Tests pass in CI",
            "```java\nint answer() {\n    return 42;\n}\n```")
        .doesNotContain("Great article", "Sign in", "A checklist beats a debate");
    assertThat(stored.getString("contentHash")).isEqualTo(DocumentIds.contentHash(content));

    List<Document> before = documents("articles", "source", profile);
    JsonNode again = link(crawl(profile), profile);
    assertThat(again.get("inserted").asInt()).isZero();
    assertThat(again.get("updated").asInt()).isZero();
    assertThat(again.get("unchanged").asInt()).isEqualTo(3);
    assertThat(documents("articles", "source", profile))
        .containsExactlyInAnyOrderElementsOf(before);

    MEDIUM.html(
        "/@alex/on-naming-2b",
        article(
            "on-naming-2b",
            "On Naming",
            "Names are the first documentation",
            "<p>Good names save more time than clever code ever will. Revised after many reader replies.</p>"));
    JsonNode changed = link(crawl(profile), profile);
    assertThat(changed.get("updated").asInt()).isEqualTo(1);
    assertThat(changed.get("unchanged").asInt()).isEqualTo(2);
    assertThat(
            mongo
                .findById(
                    DocumentIds.forUrl(MEDIUM.url("/@alex/on-naming-2b")),
                    Document.class,
                    "articles")
                .getString("content"))
        .contains("Revised after many reader replies");

    MEDIUM.rss("/feed/@alex", feed("definition-of-done-1a", "on-naming-2b"));
    MEDIUM.remove("/@alex/old-notes-3c");
    JsonNode removed = link(crawl(profile), profile);
    assertThat(removed.get("deleted").asInt()).isEqualTo(1);
    assertThat(removed.get("unchanged").asInt()).isEqualTo(2);
    assertThat(documents("articles", "source", profile)).hasSize(2);
    assertThat(
            mongo.findById(
                DocumentIds.forUrl(MEDIUM.url("/@alex/old-notes-3c")), Document.class, "articles"))
        .isNull();
  }

  @Test
  void articleDroppedFromFeedButStillOnlineIsKept() {
    MEDIUM.rss("/feed/@kept", feed("kept-article-9z").replace("/@alex", "/@kept"));
    String keptPage =
        article(
            "kept-article-9z",
            "Still Here",
            "Sub",
            "<p>An article that drops off the short feed but is still published on the site.</p>");
    MEDIUM.html("/@kept/kept-article-9z", keptPage);
    MEDIUM.html(
        "/@alex/kept-article-9z",
        article(
            "kept-article-9z",
            "Still Here",
            "Sub",
            "<p>An article that drops off the short feed but is still published on the site.</p>"));
    String profile = MEDIUM.url("/@kept");
    JsonNode first = link(crawl(profile), profile);
    assertThat(first.get("inserted").asInt()).as(first.toString()).isEqualTo(1);
    MEDIUM.rss("/feed/@kept", feed().replace("/@alex", "/@kept"));
    JsonNode again = link(crawl(profile), profile);
    assertThat(again.get("status").asString()).isEqualTo("DONE");
    assertThat(again.get("deleted").asInt()).isZero();
    assertThat(
            mongo.findById(
                DocumentIds.forUrl(MEDIUM.url("/@alex/kept-article-9z")),
                Document.class,
                "articles"))
        .isNotNull();
  }
}
