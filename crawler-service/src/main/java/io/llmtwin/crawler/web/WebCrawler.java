package io.llmtwin.crawler.web;

import io.llmtwin.crawler.crawl.CrawlRequest;
import io.llmtwin.crawler.crawl.CrawledDocument;
import io.llmtwin.crawler.crawl.Crawler;
import io.llmtwin.crawler.crawl.SourceSnapshot;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.web.extract.ContentExtractor;
import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.FetchedPage;
import io.llmtwin.web.fetch.PageFetcher;
import io.llmtwin.web.fetch.SsrfRefusedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Any article URL (personal blogs and the like): a single page, or a blog's RSS/Atom feed whose
 * entries are each read as an article. Registered last, so platform crawlers win.
 */
public class WebCrawler implements Crawler {
  private final PageFetcher fetcher;
  private final ArticlePageReader reader;
  private final WebProperties properties;

  /** A crawler reading pages through {@code fetcher}. */
  public WebCrawler(PageFetcher fetcher, ArticlePageReader reader, WebProperties properties) {
    this.fetcher = fetcher;
    this.reader = reader;
    this.properties = properties;
  }

  @Override
  public Platform platform() {
    return Platform.WEB;
  }

  @Override
  public boolean supports(URI link) {
    return "http".equalsIgnoreCase(link.getScheme()) || "https".equalsIgnoreCase(link.getScheme());
  }

  @Override
  public SourceSnapshot crawl(CrawlRequest request) {
    String link = request.link().toString();
    if (isFeedLink(request.link())) {
      FetchedPage page = fetcher.fetch(request.link());
      if (FeedReader.looksLikeFeed(page)) {
        return readFeed(
            page,
            request.authorId(),
            platform(),
            ContentExtractor.Hints.NONE,
            reader,
            properties.maxFeedItems(),
            properties.browserFallback());
      }
    }
    return readSingle(
        link,
        request.authorId(),
        platform(),
        ContentExtractor.Hints.NONE,
        reader,
        properties.browserFallback());
  }

  /**
   * Reads one article page as a complete source: a page that now answers 404 or 410 yields an empty
   * snapshot, so its stored document is deleted.
   */
  public static SourceSnapshot readSingle(
      String link,
      String authorId,
      Platform platform,
      ContentExtractor.Hints hints,
      ArticlePageReader reader,
      boolean useBrowser) {
    try {
      return single(link, reader.read(link, authorId, platform, hints, null, useBrowser));
    } catch (FetchFailedException e) {
      if (e.gone()) {
        return new SourceSnapshot(
            link, Set.of(DocumentType.ARTICLE), List.of(), Set.of(), List.of(), true);
      }
      throw e;
    }
  }

  private static boolean isFeedLink(URI link) {
    String path = link.getPath() == null ? "" : link.getPath().toLowerCase();
    return path.endsWith("/feed")
        || path.endsWith(".xml")
        || path.endsWith(".rss")
        || path.endsWith(".atom")
        || path.endsWith("/rss")
        || path.endsWith("/feed/");
  }

  /** A snapshot for one article page: complete, so a page that is gone is deleted. */
  static SourceSnapshot single(String link, ArticlePageReader.Result result) {
    return new SourceSnapshot(
        link,
        Set.of(DocumentType.ARTICLE),
        result.document().stream().toList(),
        result.unchangedId() == null ? Set.of() : Set.of(result.unchangedId()),
        List.of(),
        true);
  }

  /**
   * Reads every entry of a feed as an article; an entry that fails is reported and kept, the rest
   * are stored. Feeds list only recent entries, so the snapshot is partial.
   */
  public static SourceSnapshot readFeed(
      FetchedPage feedPage,
      String authorId,
      Platform platform,
      ContentExtractor.Hints hints,
      ArticlePageReader reader,
      int maxItems,
      boolean useBrowser) {
    List<FeedReader.FeedItem> items = new FeedReader().read(feedPage);
    List<CrawledDocument> documents = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    List<SourceSnapshot.ItemFailure> failures = new ArrayList<>();
    for (FeedReader.FeedItem item : items.subList(0, Math.min(items.size(), maxItems))) {
      String link = withoutTrackingParameters(item.link());
      try {
        ArticlePageReader.Result result =
            reader.read(link, authorId, platform, hints, item, useBrowser);
        result.document().ifPresent(documents::add);
        Optional.ofNullable(result.unchangedId()).ifPresent(kept::add);
      } catch (FetchFailedException e) {
        failures.add(new SourceSnapshot.ItemFailure(link, e.failure().slug(), e.getMessage()));
      } catch (SsrfRefusedException e) {
        failures.add(new SourceSnapshot.ItemFailure(link, "ssrf-refused", e.getMessage()));
      }
    }
    return new SourceSnapshot(
        feedPage.uri().toString(), Set.of(DocumentType.ARTICLE), documents, kept, failures, false);
  }

  /** Removes {@code utm_*} and {@code source} query parameters that feeds add to links. */
  public static String withoutTrackingParameters(String link) {
    int q = link.indexOf('?');
    if (q < 0) {
      return link;
    }
    List<String> keep = new ArrayList<>();
    for (String param : link.substring(q + 1).split("&")) {
      String name = param.split("=", 2)[0];
      if (!name.startsWith("utm_") && !name.equals("source") && !param.isEmpty()) {
        keep.add(param);
      }
    }
    return link.substring(0, q) + (keep.isEmpty() ? "" : "?" + String.join("&", keep));
  }

  @Override
  public boolean isGone(String link) {
    return gone(fetcher, link);
  }

  /** Whether {@code link} now answers 404 or 410. */
  public static boolean gone(PageFetcher fetcher, String link) {
    try {
      fetcher.fetch(URI.create(link));
      return false;
    } catch (FetchFailedException e) {
      return e.gone();
    } catch (SsrfRefusedException | IllegalArgumentException e) {
      return false;
    }
  }
}
