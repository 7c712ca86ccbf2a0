package io.llmtwin.inference.link;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code link} variant of generation ({@code llmtwin.inference.link.*}). The fetch limits and
 * the SSRF allow-list are the shared ones of web-extraction, bound under {@code
 * llmtwin.inference.link.fetch.*} and {@code llmtwin.inference.link.ssrf.*} (e.g. {@code
 * llmtwin.inference.link.ssrf.allowed-hosts=localhost} for a test's local page).
 *
 * @param enabled whether requests may carry a link (default true; false answers 400)
 * @param maxContentChars the most characters of the article put into the prompt (default 6000);
 *     longer articles are cut at a paragraph boundary
 */
@ConfigurationProperties("llmtwin.inference.link")
public record LinkProperties(
    @DefaultValue("true") boolean enabled, @DefaultValue("6000") int maxContentChars) {

  public LinkProperties {
    if (maxContentChars < 100) {
      throw new IllegalArgumentException("llmtwin.inference.link.max-content-chars must be >= 100");
    }
  }
}
