package io.llmtwin.crawler.linkedin;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LinkedIn: data-export import limits and the browser crawl of the user's own activity.
 *
 * @param baseUrl LinkedIn's base URL (login at {@code /login}, activity at {@code
 *     /in/{user}/recent-activity/all/})
 * @param username login e-mail, only from the environment ({@code
 *     LLMTWIN_CRAWLER_LINKEDIN_USERNAME})
 * @param password password, only from the environment ({@code LLMTWIN_CRAWLER_LINKEDIN_PASSWORD});
 *     never logged or stored
 * @param maxUploadBytes largest accepted export ZIP
 * @param maxEntries most entries in the ZIP
 * @param maxEntryBytes largest uncompressed entry
 * @param maxTotalBytes largest total uncompressed size
 * @param maxCompressionRatio highest uncompressed/compressed ratio (zip bombs exceed it)
 * @param maxScrolls how many times the activity page is scrolled to load more posts
 * @param scrollWait how long to wait for new posts after a scroll
 */
@ConfigurationProperties("llmtwin.crawler.linkedin")
public record LinkedInProperties(
    @DefaultValue("https://www.linkedin.com") URI baseUrl,
    String username,
    String password,
    @DefaultValue("20971520") long maxUploadBytes,
    @DefaultValue("10000") int maxEntries,
    @DefaultValue("52428800") long maxEntryBytes,
    @DefaultValue("209715200") long maxTotalBytes,
    @DefaultValue("100") int maxCompressionRatio,
    @DefaultValue("15") int maxScrolls,
    @DefaultValue("2s") Duration scrollWait) {

  /** Never print credentials. */
  @Override
  public String toString() {
    return "LinkedInProperties[baseUrl="
        + baseUrl
        + ", credentials="
        + (hasCredentials() ? "set" : "unset")
        + "]";
  }

  /** Whether login credentials are configured. */
  public boolean hasCredentials() {
    return username != null && !username.isBlank() && password != null && !password.isBlank();
  }
}
