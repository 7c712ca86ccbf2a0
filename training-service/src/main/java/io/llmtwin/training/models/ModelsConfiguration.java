package io.llmtwin.training.models;

import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.training.evaluation.ModelEvaluator;
import io.llmtwin.training.tracking.CometRestClient;
import io.llmtwin.training.tracking.TrackingProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Wiring of the promotion gate, and of the Comet registry mirror when a Comet API key is set
 * ({@code COMET_API_KEY}, the tracker's {@code llmtwin.training.tracking.comet.*} settings).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PromotionProperties.class, TrackingProperties.class})
class ModelsConfiguration {

  @Bean
  ModelPromotions modelPromotions(
      ModelRegistry registry,
      AliasRegistry aliases,
      ModelEvaluator evaluator,
      PromotionProperties properties) {
    return new ModelPromotions(registry, aliases, evaluator, properties);
  }

  @Bean
  @Conditional(CometKeySet.class)
  static CometRegistryMirror cometRegistryMirror(TrackingProperties tracking) {
    TrackingProperties.Comet comet = tracking.comet();
    return new CometRegistryMirror(
        new CometRestClient(comet.baseUrl(), comet.apiKey(), comet.timeout()),
        comet.workspace(),
        comet.project(),
        Clock.systemUTC());
  }

  /** True when {@code llmtwin.training.tracking.comet.api-key} is set and not blank. */
  static final class CometKeySet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Binder.get(context.getEnvironment())
          .bind("llmtwin.training.tracking.comet.api-key", String.class)
          .map(key -> !key.isBlank())
          .orElse(false);
    }
  }
}
