package io.llmtwin.crawler.web;

import io.llmtwin.crawler.browser.BrowserPageLoader;
import io.llmtwin.crawler.crawl.CrawledDocument;
import io.llmtwin.crawler.store.DocumentStore;
import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.web.extract.ContentExtractor;
import io.llmtwin.web.extract.ExtractedArticle;
import io.llmtwin.web.extract.HtmlPages;
import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.FetchFailure;
import io.llmtwin.web.fetch.FetchedPage;
import io.llmtwin.web.fetch.PageFetcher;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.stereotype.Component;

/**
 * Reads one article page into a document: conditional GET with the stored validators, charset
 * handling, main-content extraction, and optional fallbacks (a headless browser for pages that
 * render with JavaScript, the feed's own copy of the content).
 */
@Component
public class ArticlePageReader {
  private final PageFetcher fetcher;
  private final DocumentStore store;
  private final BrowserPageLoader browser;
  private final ContentExtractor extractor = new ContentExtractor();
  private final Clock clock;

  ArticlePageReader(
      PageFetcher fetcher, DocumentStore store, BrowserPageLoader browser, Clock clock) {
    this.fetcher = fetcher;
    this.store = store;
    this.browser = browser;
    this.clock = clock;
  }

  /**
   * Result of reading a page.
   *
   * @param document the document when (re)read, else empty
   * @param unchangedId id of the stored document when the server answered 304
   */
  public record Result(Optional<CrawledDocument> document, String unchangedId) {}

  /**
   * Reads {@code link} as an article of {@code platform}.
   *
   * @param feedItem the feed entry that listed it, or null
   * @param useBrowser whether an empty extraction may be retried in the headless browser
   */
  public Result read(
      String link,
      String authorId,
      Platform platform,
      ContentExtractor.Hints hints,
      FeedReader.FeedItem feedItem,
      boolean useBrowser) {
    URI uri = URI.create(link);
    String guessedId = DocumentIds.forUrl(link);
    PageFetcher.Conditional conditional =
        store
            .validators(DocumentType.ARTICLE, guessedId)
            .map(v -> new PageFetcher.Conditional(v.etag(), v.lastModified()))
            .orElse(PageFetcher.Conditional.NONE);
    FetchedPage page = fetcher.fetch(uri, conditional);
    if (page.notModified()) {
      return new Result(Optional.empty(), guessedId);
    }
    Document doc = HtmlPages.parse(page);
    ExtractedArticle article = extractor.extract(doc, page.uri(), hints);
    if (article.content().isBlank() && useBrowser && browser.available()) {
      Optional<String> rendered = browser.render(page.uri());
      if (rendered.isPresent()) {
        article =
            extractor.extract(
                Jsoup.parse(rendered.get(), page.uri().toString()), page.uri(), hints);
      }
    }
    if (article.content().isBlank() && feedItem != null && feedItem.contentHtml() != null) {
      ExtractedArticle fromFeed =
          extractor.extract(
              Jsoup.parseBodyFragment(feedItem.contentHtml(), page.uri().toString()),
              page.uri(),
              ContentExtractor.Hints.NONE);
      article =
          new ExtractedArticle(
              article.canonicalUrl(),
              feedItem.title().isBlank() ? article.title() : feedItem.title(),
              article.subtitle(),
              fromFeed.content(),
              article.publishedAt(),
              article.language());
    }
    if (article.content().isBlank()) {
      throw new FetchFailedException(
          FetchFailure.EMPTY_CONTENT, "no article text found at " + page.uri());
    }
    Instant published = article.publishedAt();
    if (published == null && feedItem != null) {
      published = feedItem.publishedAt();
    }
    String title =
        article.title() == null || article.title().isBlank()
            ? (feedItem == null ? page.uri().toString() : feedItem.title())
            : article.title();
    RawDocument raw =
        new RawDocument(
            DocumentIds.forUrl(article.canonicalUrl()),
            DocumentType.ARTICLE,
            authorId,
            platform,
            article.canonicalUrl(),
            title,
            article.content(),
            published,
            clock.instant(),
            DocumentIds.contentHash(article.content()),
            article.language(),
            null);
    return new Result(
        Optional.of(new CrawledDocument(raw, article.subtitle(), page.etag(), page.lastModified())),
        null);
  }
}
