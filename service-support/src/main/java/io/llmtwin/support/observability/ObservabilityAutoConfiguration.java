package io.llmtwin.support.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Common Micrometer tags: every meter of every service carries {@code application}. */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class ObservabilityAutoConfiguration {

  @Bean
  MeterRegistryCustomizer<MeterRegistry> llmTwinCommonTags(Environment environment) {
    String application = environment.getProperty("spring.application.name", "llm-twin");
    return registry ->
        registry.config().commonTags("application", application, "system", "llm-twin");
  }
}
