package io.llmtwin.training.lora;

import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.job.FineTuner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the llm-core fine-tuner as this service's {@link FineTuner} and llm-core generation as
 * its {@link io.llmtwin.training.dataset.TextCompletion} and, before the PyTorch engine loads, pins
 * its thread counts and DJL's offline mode unless the JVM already sets them (see
 * docs/adr/0101-llm-core-fine-tuner.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LoraProperties.class, PreferenceProperties.class})
class LoraConfiguration {
  static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
  static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";
  static final String OFFLINE_PROPERTY = "ai.djl.offline";
  private static final Logger log = LoggerFactory.getLogger(LoraConfiguration.class);

  @Bean
  LlmCoreFineTuner llmCoreFineTuner(LoraProperties properties) {
    pinEngine(properties);
    return new LlmCoreFineTuner(properties);
  }

  /**
   * The base model's generations for the rejected side of DPO preference pairs (used by dataset
   * builds that ask for {@code preferencePairs} with a {@code baseModel}).
   */
  @Bean
  LlmCoreTextCompletion llmCoreTextCompletion(
      LoraProperties lora, PreferenceProperties properties, BaseModels baseModels) {
    pinEngine(lora);
    return new LlmCoreTextCompletion(properties, baseModels);
  }

  private static void pinEngine(LoraProperties properties) {
    if (System.getProperty(THREADS_PROPERTY) == null) {
      System.setProperty(THREADS_PROPERTY, String.valueOf(properties.threads()));
    }
    if (System.getProperty(INTEROP_THREADS_PROPERTY) == null) {
      System.setProperty(INTEROP_THREADS_PROPERTY, "1");
    }
    if (System.getProperty(OFFLINE_PROPERTY) == null) {
      // the PyTorch natives ship in the jar (cpu or gpu profile): never download at run time
      System.setProperty(OFFLINE_PROPERTY, "true");
    }
    log.info("llm-core: {} PyTorch intra-op thread(s)", System.getProperty(THREADS_PROPERTY));
  }
}
