package io.llmtwin.training.basemodel;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The base-model check shared by training jobs, dataset builds and the Kubernetes launcher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BaseModelProperties.class)
class BaseModelConfiguration {

  @Bean
  BaseModels baseModels(BaseModelProperties properties) {
    return new BaseModels(properties);
  }
}
