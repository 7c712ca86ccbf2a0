package io.llmtwin.training.job;

import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.dataset.DatasetBuilder;
import io.llmtwin.training.launcher.TrainingLauncher;
import io.llmtwin.training.tracking.ExperimentTracker;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires jobs; without a {@link FineTuner} bean every job fails with a clear reason. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
class JobConfiguration {

  @Bean
  TrainingPipeline trainingPipeline(
      DatasetBuilder datasets,
      ObjectProvider<FineTuner> fineTuner,
      ExperimentTracker tracker,
      ModelRegistry registry,
      AliasRegistry aliases,
      BaseModels baseModels,
      JobProperties properties) {
    FineTuner tuner =
        fineTuner.getIfAvailable(
            () ->
                (request, listener, cancelled) -> {
                  throw new FineTuningException(
                      "no FineTuner is configured (add the llm-core trainer to this service)");
                });
    return new TrainingPipeline(
        datasets,
        tuner,
        tracker,
        registry,
        aliases,
        baseModels,
        properties.workDir(),
        properties.gitCommit());
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService trainingExecutor(JobProperties properties) {
    return Executors.newFixedThreadPool(
        properties.concurrency(),
        r -> {
          Thread t = new Thread(r, "training-job");
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  TrainingJobService trainingJobService(
      MongoTemplate mongo,
      DatasetBuilder datasets,
      TrainingLauncher launcher,
      ModelRegistry registry,
      ExecutorService trainingExecutor,
      BaseModels baseModels,
      JobProperties properties) {
    return new TrainingJobService(
        new TrainingJobStore(mongo, Clock.systemUTC()),
        new JobEvents(),
        datasets,
        launcher,
        registry,
        trainingExecutor,
        baseModels,
        properties.resumeInterrupted());
  }

  @Bean
  @ConditionalOnWebApplication
  ApplicationListener<ApplicationReadyEvent> interruptedJobRecovery(TrainingJobService jobs) {
    return event -> jobs.recoverInterrupted();
  }
}
