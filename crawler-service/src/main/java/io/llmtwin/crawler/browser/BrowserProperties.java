package io.llmtwin.crawler.browser;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Headless Chromium used for pages that need JavaScript.
 *
 * @param enabled whether the browser may be used at all
 * @param chromedriverPath the chromedriver executable (Debian: {@code /usr/bin/chromedriver})
 * @param chromiumPath the Chromium executable (Debian: {@code /usr/bin/chromium})
 * @param pageLoadTimeout limit for loading one page
 * @param renderTimeout how long to wait for content to appear after load
 */
@ConfigurationProperties("llmtwin.crawler.browser")
public record BrowserProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("/usr/bin/chromedriver") String chromedriverPath,
    @DefaultValue("/usr/bin/chromium") String chromiumPath,
    @DefaultValue("20s") Duration pageLoadTimeout,
    @DefaultValue("5s") Duration renderTimeout) {}
