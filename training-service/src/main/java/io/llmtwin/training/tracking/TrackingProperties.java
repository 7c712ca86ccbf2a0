package io.llmtwin.training.tracking;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.tracking}.
 *
 * @param comet Comet settings; enabled when an API key is set ({@code COMET_API_KEY})
 */
@ConfigurationProperties("llmtwin.training.tracking")
public record TrackingProperties(Comet comet) {

  /** Defaults. */
  public TrackingProperties {
    comet = comet == null ? new Comet(null, null, null, null, null) : comet;
  }

  /**
   * @param apiKey Comet API key (from {@code COMET_API_KEY})
   * @param workspace workspace name (default {@code llm-twin})
   * @param project project name (default {@code training})
   * @param baseUrl API base URL (default {@code https://www.comet.com})
   * @param timeout connect timeout (default 10 s)
   */
  public record Comet(
      String apiKey, String workspace, String project, URI baseUrl, Duration timeout) {

    /** Defaults. */
    public Comet {
      workspace = workspace == null || workspace.isBlank() ? "llm-twin" : workspace;
      project = project == null || project.isBlank() ? "training" : project;
      baseUrl = baseUrl == null ? URI.create("https://www.comet.com") : baseUrl;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** Whether an API key is configured. */
    public boolean enabled() {
      return apiKey != null && !apiKey.isBlank();
    }
  }
}
