package io.llmtwin.crawler.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Storage behaviour.
 *
 * @param deleteRemoved whether documents removed at their source are deleted on re-crawl
 */
@ConfigurationProperties("llmtwin.crawler.store")
public record StoreProperties(@DefaultValue("true") boolean deleteRemoved) {}
