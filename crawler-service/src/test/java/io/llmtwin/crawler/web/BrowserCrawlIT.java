package io.llmtwin.crawler.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmtwin.crawler.CrawlerIntegrationTest;
import io.llmtwin.model.document.DocumentIds;
import java.io.File;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Headless Chromium (Debian's chromium + chromedriver): a page that renders its article only with
 * JavaScript, and the LinkedIn activity crawl (login, scroll, "see more") against local pages
 * shaped like LinkedIn's markup. Skipped where chromedriver is not installed.
 */
class BrowserCrawlIT extends CrawlerIntegrationTest {

  @BeforeEach
  void requireChromium() {
    assumeTrue(new File("/usr/bin/chromedriver").canExecute(), "chromedriver is not installed");
  }

  @Test
  void rendersJavaScriptOnlyPageInHeadlessChromium() {
    WEB.html(
        "/spa",
        """
        <html lang="en"><head><title>Rendered Story</title></head><body><div id="app"></div>
        <script>
          setTimeout(function () {
            document.getElementById('app').innerHTML =
              '<article><h1>Rendered Story</h1><p>This paragraph exists only after JavaScript ran in a real browser engine.</p>'
              + '<p>Static HTML parsers see an empty page here, so the crawler falls back to Chromium.</p></article>';
          }, 50);
        </script></body></html>
        """);
    JsonNode result = link(crawl(WEB.url("/spa")), WEB.url("/spa"));
    assertThat(result.get("status").asString()).as(result.toString()).isEqualTo("DONE");
    Document doc = mongo.findById(DocumentIds.forUrl(WEB.url("/spa")), Document.class, "articles");
    assertThat(doc.getString("content"))
        .contains("exists only after JavaScript ran", "falls back to Chromium");
  }

  @Test
  void readsOwnLinkedInActivityWithLoginScrollAndSeeMore() {
    LINKEDIN.html(
        "/login",
        """
        <html><body><form id="login" onsubmit="event.preventDefault(); if (document.getElementById('password').value === 'fixture-password') { document.cookie = 'li_at=ok; path=/'; location.href = '/feed/'; } else { document.body.innerHTML = 'wrong'; }">
        <input id="username" name="session_key"><input id="password" name="session_password" type="password">
        <button type="submit">Sign in</button></form></body></html>
        """);
    LINKEDIN.html("/feed/", "<html><body><h1>Feed</h1></body></html>");
    LINKEDIN.html(
        "/in/alex/recent-activity/all/",
        """
        <html><body><main id="feed"></main>
        <script>
          if (document.cookie.indexOf('li_at=ok') < 0) { location.href = '/login'; }
          var posts = [
            ['urn:li:activity:1', 'Shipped the new search today. It took three rewrites and one long weekend, and the team was brilliant throughout.'],
            ['urn:li:activity:2', 'What mentoring taught me: say what you would change, and why it matters.'],
            ['urn:li:activity:3', 'A short post.'],
            ['urn:li:activity:4', 'Loaded after scrolling: the fourth post about testing time-dependent code with an injected clock.'],
            ['urn:li:activity:5', 'Loaded after scrolling: the fifth post on caching pitfalls and thundering herds.']
          ];
          var shown = 0;
          function render(n) {
            var feed = document.getElementById('feed');
            for (; shown < n && shown < posts.length; shown++) {
              var p = posts[shown];
              var full = p[1];
              var cut = full.length > 60 ? full.substring(0, 60) : full;
              var div = document.createElement('div');
              div.className = 'feed-shared-update-v2';
              div.setAttribute('data-urn', p[0]);
              div.style.height = '600px';
              div.innerHTML = '<div class="update-components-text"><span class="text">' + cut + '</span></div>'
                + (full.length > 60 ? '<button class="feed-shared-inline-show-more-text__see-more-less-toggle">…see more</button>' : '');
              (function (d, f) {
                var b = d.querySelector('button');
                if (b) { b.addEventListener('click', function () { d.querySelector('.text').textContent = f; b.remove(); }); }
              })(div, full);
              feed.appendChild(div);
            }
          }
          render(3);
          window.addEventListener('scroll', function () { setTimeout(function () { render(shown + 1); }, 100); });
        </script></body></html>
        """);
    String profile = LINKEDIN.url("/in/alex/");
    JsonNode result = link(crawl(profile), profile);
    assertThat(result.get("status").asString()).as(result.toString()).isEqualTo("DONE");
    assertThat(result.get("platform").asString()).isEqualTo("LINKEDIN");
    assertThat(result.get("inserted").asInt()).isEqualTo(5);
    List<Document> posts = documents("posts", "source", profile);
    assertThat(posts)
        .extracting(d -> d.getString("content"))
        .contains(
            "Shipped the new search today. It took three rewrites and one long weekend, and the team was brilliant throughout.",
            "Loaded after scrolling: the fifth post on caching pitfalls and thundering herds.",
            "A short post.");
    assertThat(posts).allSatisfy(d -> assertThat(d.toJson()).doesNotContain("fixture-password"));
  }
}
