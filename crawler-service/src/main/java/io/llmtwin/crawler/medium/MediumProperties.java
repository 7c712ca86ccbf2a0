package io.llmtwin.crawler.medium;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Medium.
 *
 * @param baseUrl Medium's base URL; profiles are {@code {baseUrl}/@user}, feeds {@code
 *     {baseUrl}/feed/@user}
 * @param useBrowser whether article pages whose static HTML has no text are rendered in headless
 *     Chromium
 * @param maxArticles the most feed entries read per crawl
 */
@ConfigurationProperties("llmtwin.crawler.medium")
public record MediumProperties(
    @DefaultValue("https://medium.com") URI baseUrl,
    @DefaultValue("true") boolean useBrowser,
    @DefaultValue("50") int maxArticles) {}
