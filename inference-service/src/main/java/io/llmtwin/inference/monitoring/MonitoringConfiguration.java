package io.llmtwin.inference.monitoring;

import io.llmtwin.inference.rag.TwinGenerationService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires prompt traces (MongoDB, optional Comet) and generation metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TraceProperties.class, CometProperties.class})
class MonitoringConfiguration {

  @Bean
  MongoTraceStore mongoTraceStore(MongoTemplate mongo, TraceProperties properties) {
    return new MongoTraceStore(mongo, properties);
  }

  @Bean(destroyMethod = "close")
  TraceWriter traceWriter(
      MongoTraceStore store, TraceProperties traces, CometProperties comet, MeterRegistry meters) {
    TraceWriter writer =
        new TraceWriter(
            store,
            comet.enabled() ? new CometPromptLogger(comet) : null,
            traces.queueCapacity(),
            meters);
    if (traces.enabled()) {
      // on the writer's thread: a slow or absent MongoDB must not hold up the start
      writer.prepare();
    }
    return writer;
  }

  @Bean
  GenerationMonitor generationMonitor(
      MeterRegistry meters,
      TraceWriter writer,
      TraceProperties properties,
      TwinGenerationService twin) {
    return new GenerationMonitor(meters, writer, properties, twin::model, Clock.systemUTC());
  }
}
