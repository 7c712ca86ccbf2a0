package io.llmtwin.crawler.medium;

import io.llmtwin.crawler.crawl.CrawlRequest;
import io.llmtwin.crawler.crawl.Crawler;
import io.llmtwin.crawler.crawl.PlatformUrls;
import io.llmtwin.crawler.crawl.SourceSnapshot;
import io.llmtwin.crawler.web.ArticlePageReader;
import io.llmtwin.crawler.web.WebCrawler;
import io.llmtwin.model.document.Platform;
import io.llmtwin.web.extract.ContentExtractor;
import io.llmtwin.web.fetch.FetchedPage;
import io.llmtwin.web.fetch.PageFetcher;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Medium: a profile ({@code /@user}, {@code /feed/@user} or {@code user.medium.com}) is read
 * through its RSS feed, then each article page; a single article link is read directly. Title,
 * subtitle, body (headings, lists and code kept), publish date and canonical URL are extracted.
 */
public class MediumCrawler implements Crawler {
  static final ContentExtractor.Hints HINTS =
      new ContentExtractor.Hints(
          null,
          "h1[data-testid=storyTitle], h1.pw-post-title",
          "h2.pw-subtitle-paragraph, [data-testid=storySubtitle]");
  private static final Pattern PROFILE = Pattern.compile("^/(?:feed/)?(@[^/]+)/?$");

  private final MediumProperties properties;
  private final PageFetcher fetcher;
  private final ArticlePageReader reader;

  /** A Medium crawler. */
  public MediumCrawler(MediumProperties properties, PageFetcher fetcher, ArticlePageReader reader) {
    this.properties = properties;
    this.fetcher = fetcher;
    this.reader = reader;
  }

  @Override
  public Platform platform() {
    return Platform.MEDIUM;
  }

  @Override
  public boolean supports(URI link) {
    return PlatformUrls.onSiteOrSubdomain(link, properties.baseUrl());
  }

  @Override
  public SourceSnapshot crawl(CrawlRequest request) {
    URI link = request.link();
    URI feed = feedOf(link);
    if (feed == null) {
      return WebCrawler.readSingle(
          WebCrawler.withoutTrackingParameters(link.toString()),
          request.authorId(),
          platform(),
          HINTS,
          reader,
          properties.useBrowser());
    }
    FetchedPage page = fetcher.fetch(feed);
    return WebCrawler.readFeed(
            page,
            request.authorId(),
            platform(),
            HINTS,
            reader,
            properties.maxArticles(),
            properties.useBrowser())
        .withSource(link.toString());
  }

  /** The feed of a profile link, or null when {@code link} is an article. */
  URI feedOf(URI link) {
    String path = link.getPath() == null ? "" : link.getPath();
    Matcher m = PROFILE.matcher(path);
    URI base = properties.baseUrl();
    if (m.matches()) {
      return PlatformUrls.resolve(base, "/feed/" + m.group(1));
    }
    String host = link.getHost() == null ? "" : link.getHost();
    if (!host.equalsIgnoreCase(base.getHost()) && (path.isEmpty() || path.equals("/"))) {
      // a custom subdomain profile such as alex.medium.com
      return link.resolve("/feed");
    }
    return null;
  }

  @Override
  public boolean isGone(String link) {
    return WebCrawler.gone(fetcher, link);
  }
}
