package io.llmtwin.crawler.substack;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Substack.
 *
 * @param baseUrl Substack's base URL; publications live on its subdomains ({@code
 *     alex.substack.com}) or, for tests, on the base URL itself
 * @param maxPosts the most feed entries read per crawl
 */
@ConfigurationProperties("llmtwin.crawler.substack")
public record SubstackProperties(
    @DefaultValue("https://substack.com") URI baseUrl, @DefaultValue("50") int maxPosts) {}
