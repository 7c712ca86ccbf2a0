package io.llmtwin.support.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares (actuator exposure, probes, graceful shutdown), added with the
 * lowest precedence so each service's own configuration still wins.
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {
  static final String SOURCE_NAME = "llmtwinServiceDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
    defaults.put("management.endpoint.health.probes.enabled", "true");
    defaults.put("management.endpoint.health.show-details", "always");
    defaults.put("management.info.env.enabled", "true");
    defaults.put("server.shutdown", "graceful");
    defaults.put("llmtwin.security.api-keys", "${LLMTWIN_SECURITY_API_KEYS:}");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
  }
}
