package io.llmtwin.crawler.browser;

import java.net.URI;
import java.util.Optional;

/** Renders pages that only show their content after JavaScript runs. */
public interface BrowserPageLoader {

  /** Whether a browser can be started here. */
  boolean available();

  /** The rendered HTML of {@code uri}, or empty when the browser could not load it. */
  Optional<String> render(URI uri);
}
