package io.llmtwin.inference.link;

import io.llmtwin.web.extract.ArticleFetcher;
import io.llmtwin.web.fetch.FetchProperties;
import io.llmtwin.web.fetch.HostResolver;
import io.llmtwin.web.fetch.HttpPageFetcher;
import io.llmtwin.web.fetch.SsrfGuard;
import io.llmtwin.web.fetch.SsrfProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the shared fetcher, SSRF guard and extractor of web-extraction for linked articles. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinkProperties.class)
class LinkConfiguration {

  @Bean
  LinkedArticleReader linkedArticleReader(Environment environment, LinkProperties properties) {
    SsrfGuard guard =
        new SsrfGuard(
            SsrfProperties.bind(environment, "llmtwin.inference.link.ssrf"), HostResolver.system());
    FetchProperties fetch = FetchProperties.bind(environment, "llmtwin.inference.link.fetch");
    return new LinkedArticleReader(
        new ArticleFetcher(guard, new HttpPageFetcher(fetch, guard)), properties);
  }
}
