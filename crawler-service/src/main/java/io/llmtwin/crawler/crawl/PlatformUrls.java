package io.llmtwin.crawler.crawl;

import java.net.URI;
import java.util.Locale;

/** Matching links against a platform's configured base URL. */
public final class PlatformUrls {
  private PlatformUrls() {}

  /**
   * Whether {@code link} is on the base URL's host or one of its subdomains (same port when the
   * base URL names one, so several fixture sites can share localhost).
   */
  public static boolean onSiteOrSubdomain(URI link, URI base) {
    if (link.getHost() == null || base.getHost() == null) {
      return false;
    }
    String host = link.getHost().toLowerCase(Locale.ROOT);
    String baseHost = base.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    if (baseHost.startsWith("www.")) {
      baseHost = baseHost.substring(4);
    }
    boolean hostMatches = host.equals(baseHost) || host.endsWith("." + baseHost);
    boolean portMatches = base.getPort() < 0 || base.getPort() == link.getPort();
    return hostMatches && portMatches;
  }

  /** {@code path} (absolute) on the base URL, keeping any base path prefix. */
  public static URI resolve(URI base, String path) {
    String b = base.toString();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return URI.create(b + path);
  }
}
