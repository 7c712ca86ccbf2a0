package io.llmtwin.web.fetch;

import java.net.URI;
import java.util.Map;

/** Fetches a page politely and safely; the only way crawlers reach the network over HTTP. */
public interface PageFetcher {

  /** Fetches {@code uri}; throws {@link FetchFailedException} or {@link SsrfRefusedException}. */
  FetchedPage fetch(URI uri, Conditional conditional);

  /**
   * Calls a platform API (not a page): same SSRF guard, limits and retries, but robots.txt does not
   * apply and extra request headers are sent.
   */
  FetchedPage fetchApi(URI uri, Map<String, String> headers);

  /** Fetches {@code uri} unconditionally. */
  default FetchedPage fetch(URI uri) {
    return fetch(uri, Conditional.NONE);
  }

  /**
   * Validators of a stored copy for a conditional GET.
   *
   * @param etag the stored ETag, or null
   * @param lastModified the stored Last-Modified, or null
   */
  record Conditional(String etag, String lastModified) {
    /** No validators: always a full response. */
    public static final Conditional NONE = new Conditional(null, null);
  }
}
