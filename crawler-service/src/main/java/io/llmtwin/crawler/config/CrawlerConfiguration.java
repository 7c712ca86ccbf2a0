package io.llmtwin.crawler.config;

import io.llmtwin.crawler.browser.BrowserProperties;
import io.llmtwin.crawler.browser.ChromiumBrowser;
import io.llmtwin.crawler.crawl.CrawlProperties;
import io.llmtwin.crawler.crawl.CrawlerDispatcher;
import io.llmtwin.crawler.crawl.SourceSync;
import io.llmtwin.crawler.github.GitHubCrawler;
import io.llmtwin.crawler.github.GitHubProperties;
import io.llmtwin.crawler.linkedin.LinkedInActivityCrawler;
import io.llmtwin.crawler.linkedin.LinkedInExportImporter;
import io.llmtwin.crawler.linkedin.LinkedInProperties;
import io.llmtwin.crawler.medium.MediumCrawler;
import io.llmtwin.crawler.medium.MediumProperties;
import io.llmtwin.crawler.store.StoreProperties;
import io.llmtwin.crawler.substack.SubstackCrawler;
import io.llmtwin.crawler.substack.SubstackProperties;
import io.llmtwin.crawler.web.ArticlePageReader;
import io.llmtwin.crawler.web.WebCrawler;
import io.llmtwin.crawler.web.WebProperties;
import io.llmtwin.web.fetch.FetchProperties;
import io.llmtwin.web.fetch.HostResolver;
import io.llmtwin.web.fetch.HttpPageFetcher;
import io.llmtwin.web.fetch.PageFetcher;
import io.llmtwin.web.fetch.SsrfGuard;
import io.llmtwin.web.fetch.SsrfProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Wires the crawler's fetch pipeline, platform crawlers and crawl execution. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  BrowserProperties.class,
  WebProperties.class,
  MediumProperties.class,
  SubstackProperties.class,
  GitHubProperties.class,
  LinkedInProperties.class,
  StoreProperties.class,
  CrawlProperties.class
})
public class CrawlerConfiguration {

  @Bean
  Clock crawlerClock() {
    return Clock.systemUTC();
  }

  @Bean
  SsrfProperties ssrfProperties(Environment environment) {
    return SsrfProperties.bind(environment, "llmtwin.crawler.ssrf");
  }

  @Bean
  FetchProperties fetchProperties(Environment environment) {
    return FetchProperties.bind(environment, "llmtwin.crawler.fetch");
  }

  @Bean
  SsrfGuard ssrfGuard(SsrfProperties properties) {
    return new SsrfGuard(properties, HostResolver.system());
  }

  @Bean
  PageFetcher pageFetcher(FetchProperties properties, SsrfGuard guard) {
    return new HttpPageFetcher(properties, guard);
  }

  @Bean
  ChromiumBrowser chromiumBrowser(BrowserProperties properties) {
    return new ChromiumBrowser(properties);
  }

  @Bean
  CrawlerDispatcher crawlerDispatcher(
      MediumProperties medium,
      SubstackProperties substack,
      GitHubProperties github,
      LinkedInProperties linkedin,
      WebProperties web,
      PageFetcher fetcher,
      ArticlePageReader reader,
      ChromiumBrowser browser,
      Clock clock) {
    return new CrawlerDispatcher(
        List.of(
            new MediumCrawler(medium, fetcher, reader),
            new SubstackCrawler(substack, fetcher, reader),
            new GitHubCrawler(github, fetcher, clock),
            new LinkedInActivityCrawler(linkedin, browser, clock),
            new WebCrawler(fetcher, reader, web)));
  }

  @Bean
  ThreadPoolTaskExecutor crawlExecutor(CrawlProperties properties) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setCorePoolSize(properties.concurrency());
    executor.setMaxPoolSize(properties.concurrency());
    executor.setQueueCapacity(properties.queueCapacity());
    executor.setThreadNamePrefix("crawl-");
    executor.setWaitForTasksToCompleteOnShutdown(false);
    return executor;
  }

  @Bean
  LinkedInExportImporter linkedInExportImporter(
      LinkedInProperties properties, SourceSync sync, Clock clock) {
    return new LinkedInExportImporter(properties, sync, clock);
  }
}
