package io.llmtwin.support.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API-key security of every service ({@code llmtwin.security.*}).
 *
 * @param apiKeys {@code authorId:key} pairs, normally from the environment variable {@code
 *     LLMTWIN_SECURITY_API_KEYS} (comma-separated); a service with none refuses every protected
 *     call
 * @param publicPaths extra path patterns open without a key (e.g. a static web page); actuator
 *     health/info/prometheus and the OpenAPI description are always open
 */
@ConfigurationProperties("llmtwin.security")
public record SecurityProperties(List<String> apiKeys, List<String> publicPaths) {

  public SecurityProperties {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
  }
}
