package io.llmtwin.crawler.substack;

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

/**
 * Substack: a publication link is read through its {@code /feed}, then each post page ({@code
 * /p/slug}); a post link is read directly.
 */
public class SubstackCrawler implements Crawler {
  static final ContentExtractor.Hints HINTS =
      new ContentExtractor.Hints(
          ".available-content .body, .available-content", "h1.post-title", "h3.subtitle");

  private final SubstackProperties properties;
  private final PageFetcher fetcher;
  private final ArticlePageReader reader;

  /** A Substack crawler. */
  public SubstackCrawler(
      SubstackProperties properties, PageFetcher fetcher, ArticlePageReader reader) {
    this.properties = properties;
    this.fetcher = fetcher;
    this.reader = reader;
  }

  @Override
  public Platform platform() {
    return Platform.SUBSTACK;
  }

  @Override
  public boolean supports(URI link) {
    return PlatformUrls.onSiteOrSubdomain(link, properties.baseUrl());
  }

  @Override
  public SourceSnapshot crawl(CrawlRequest request) {
    URI link = request.link();
    String path = link.getPath() == null ? "" : link.getPath();
    if (path.startsWith("/p/")) {
      return WebCrawler.readSingle(
          WebCrawler.withoutTrackingParameters(link.toString()),
          request.authorId(),
          platform(),
          HINTS,
          reader,
          false);
    }
    URI feed = link.resolve("/feed");
    FetchedPage page = fetcher.fetch(feed);
    return WebCrawler.readFeed(
            page, request.authorId(), platform(), HINTS, reader, properties.maxPosts(), false)
        .withSource(link.toString());
  }

  @Override
  public boolean isGone(String link) {
    return WebCrawler.gone(fetcher, link);
  }
}
