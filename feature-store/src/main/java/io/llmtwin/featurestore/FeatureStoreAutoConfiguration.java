package io.llmtwin.featurestore;

import io.qdrant.client.QdrantClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot wiring of the feature store's connection: binds {@code llmtwin.qdrant.*} and offers a
 * {@link QdrantClient} unless the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(QdrantConnectionProperties.class)
public class FeatureStoreAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  QdrantClient qdrantClient(QdrantConnectionProperties properties) {
    return QdrantClientFactory.create(properties);
  }
}
