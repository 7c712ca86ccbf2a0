package io.llmtwin.crawler.crawl;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Picks the crawler for a link: platform crawlers first, the generic web crawler last. */
public class CrawlerDispatcher {
  private final List<Crawler> crawlers;

  /** A dispatcher trying {@code crawlers} in order. */
  public CrawlerDispatcher(List<Crawler> crawlers) {
    this.crawlers = List.copyOf(crawlers);
  }

  /** The first crawler that supports {@code link}. */
  public Optional<Crawler> crawlerFor(URI link) {
    return crawlers.stream().filter(c -> c.supports(link)).findFirst();
  }
}
