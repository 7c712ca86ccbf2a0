package io.llmtwin.web.fetch;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Allow-list of the SSRF guard. Empty by default: only public http/https addresses are fetched.
 * Each service binds it under its own prefix ({@code llmtwin.crawler.ssrf}, {@code
 * llmtwin.inference.link.ssrf}).
 *
 * @param allowedHosts host names (or literal addresses) that skip the address checks, such as a
 *     test's {@code localhost} fixture server
 * @param allowedCidrs address ranges ({@code 127.0.0.0/8}, {@code fd00::/8}) that are allowed even
 *     though they are private
 * @param allowedSchemes schemes allowed besides http and https ({@code file} for a test's local git
 *     repository only)
 */
public record SsrfProperties(
    List<String> allowedHosts, List<String> allowedCidrs, List<String> allowedSchemes) {

  public SsrfProperties {
    allowedHosts =
        allowedHosts == null
            ? List.of()
            : allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    allowedSchemes =
        allowedSchemes == null
            ? List.of()
            : allowedSchemes.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** Nothing allow-listed. */
  public static SsrfProperties strict() {
    return new SsrfProperties(List.of(), List.of(), List.of());
  }

  /**
   * Binds the settings under {@code prefix} (e.g. {@code llmtwin.crawler.ssrf}); defaults for what
   * is not set.
   */
  public static SsrfProperties bind(Environment environment, String prefix) {
    return Binder.get(environment).bindOrCreate(prefix, SsrfProperties.class);
  }
}
