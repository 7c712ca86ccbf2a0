package io.llmtwin.web.extract;

import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.FetchFailure;
import io.llmtwin.web.fetch.FetchedPage;
import io.llmtwin.web.fetch.PageFetcher;
import io.llmtwin.web.fetch.SsrfGuard;
import io.llmtwin.web.fetch.SsrfRefusedException;
import java.net.URI;

/**
 * Reads the main content of one user-supplied article URL: the SSRF guard checks the URL (and the
 * fetcher re-checks every redirect), the page is fetched with the fetcher's limits and extracted
 * with {@link ContentExtractor}.
 */
public final class ArticleFetcher {
  private final SsrfGuard guard;
  private final PageFetcher fetcher;
  private final ContentExtractor extractor = new ContentExtractor();

  /** Reads articles through {@code fetcher} after checking URLs with {@code guard}. */
  public ArticleFetcher(SsrfGuard guard, PageFetcher fetcher) {
    this.guard = guard;
    this.fetcher = fetcher;
  }

  /**
   * The article at {@code url}.
   *
   * @throws SsrfRefusedException when the URL may reach an internal address
   * @throws FetchFailedException when the page cannot be fetched or has no article text
   */
  public ExtractedArticle read(String url) {
    URI uri = guard.check(url);
    FetchedPage page = fetcher.fetch(uri);
    ExtractedArticle article = extractor.extract(HtmlPages.parse(page), page.uri());
    if (article.content().isBlank()) {
      throw new FetchFailedException(
          FetchFailure.EMPTY_CONTENT, "no article text found at " + page.uri());
    }
    return article;
  }
}
