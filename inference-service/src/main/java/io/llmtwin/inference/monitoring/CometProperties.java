package io.llmtwin.inference.monitoring;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional prompt logging to Comet ({@code llmtwin.inference.comet.*}); on only when an API key is
 * set, normally through the environment variable {@code COMET_API_KEY}.
 *
 * @param apiKey the Comet API key (empty: off)
 * @param baseUrl Comet's address (default {@code https://www.comet.com})
 * @param workspace the workspace (empty: the key's default workspace)
 * @param project the project prompts are logged to (default {@code llm-twin-prompts})
 * @param timeout per HTTP request (default 10s)
 */
@ConfigurationProperties("llmtwin.inference.comet")
public record CometProperties(
    @DefaultValue("") String apiKey,
    @DefaultValue("https://www.comet.com") URI baseUrl,
    @DefaultValue("") String workspace,
    @DefaultValue("llm-twin-prompts") String project,
    @DefaultValue("10s") Duration timeout) {

  /** Whether a key is set. */
  public boolean enabled() {
    return apiKey != null && !apiKey.isBlank();
  }
}
