package io.llmtwin.training.launcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.job.TrainingPipeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the launcher named by {@code llmtwin.training.jobs.launcher}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KubernetesProperties.class)
class LauncherConfiguration {

  @Bean
  @ConditionalOnProperty(
      name = "llmtwin.training.jobs.launcher",
      havingValue = "local",
      matchIfMissing = true)
  TrainingLauncher localTrainingLauncher(TrainingPipeline pipeline) {
    return new LocalTrainingLauncher(pipeline);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(name = "llmtwin.training.jobs.launcher", havingValue = "kubernetes")
  KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().build();
  }

  @Bean
  @ConditionalOnProperty(name = "llmtwin.training.jobs.launcher", havingValue = "kubernetes")
  TrainingLauncher kubernetesTrainingLauncher(
      KubernetesClient client, KubernetesProperties properties, BaseModels baseModels) {
    return new KubernetesTrainingLauncher(client, properties, baseModels.directory().orElse(null));
  }
}
