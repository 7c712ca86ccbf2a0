package io.llmtwin.inference.link;

import io.llmtwin.inference.rag.LinkedArticle;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.web.extract.ArticleFetcher;
import io.llmtwin.web.extract.ExtractedArticle;
import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.SsrfProblems;
import io.llmtwin.web.fetch.SsrfRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Reads the article a generation request links to, with the crawler's SSRF rules and extractor, and
 * turns refusals into problems: 400 {@code ssrf-refused} for a URL that could reach an internal
 * address, 422 {@code link-unreadable} for a page that cannot be fetched or has no article text.
 */
public class LinkedArticleReader {
  private static final Logger log = LoggerFactory.getLogger(LinkedArticleReader.class);

  private final ArticleFetcher fetcher;
  private final LinkProperties properties;

  LinkedArticleReader(ArticleFetcher fetcher, LinkProperties properties) {
    this.fetcher = fetcher;
    this.properties = properties;
  }

  /**
   * The article at {@code link}, its content cut to {@code max-content-chars}.
   *
   * @throws ApiProblemException 400 {@code invalid-request} when links are disabled, 400 {@code
   *     ssrf-refused}, 422 {@code link-unreadable}
   */
  public LinkedArticle read(String link) {
    if (!properties.enabled()) {
      throw ApiProblemException.invalid("link is disabled on this service");
    }
    ExtractedArticle article;
    try {
      article = fetcher.read(link);
    } catch (SsrfRefusedException e) {
      throw SsrfProblems.refused(e);
    } catch (FetchFailedException e) {
      log.info("linked article {} unreadable: {}", link, e.getMessage());
      throw new ApiProblemException(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "link-unreadable",
              "Link unreadable",
              e.getMessage())
          .with("reason", e.failure().slug())
          .with("link", link);
    }
    return new LinkedArticle(
        article.canonicalUrl(),
        article.title(),
        cut(article.content(), properties.maxContentChars()));
  }

  static String cut(String content, int max) {
    if (content.length() <= max) {
      return content;
    }
    int paragraph = content.lastIndexOf("\n\n", max);
    return content.substring(0, paragraph > max / 2 ? paragraph : max).strip();
  }
}
