package io.llmtwin.crawler.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Any-article-URL crawling.
 *
 * @param browserFallback whether a page whose extraction is empty is rendered in headless Chromium
 * @param maxFeedItems the most entries read from one blog feed
 */
@ConfigurationProperties("llmtwin.crawler.web")
public record WebProperties(
    @DefaultValue("true") boolean browserFallback, @DefaultValue("50") int maxFeedItems) {}
