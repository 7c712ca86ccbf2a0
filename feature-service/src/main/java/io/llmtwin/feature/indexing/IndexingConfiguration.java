package io.llmtwin.feature.indexing;

import io.llmtwin.feature.chunking.DocumentChunker;
import io.llmtwin.feature.cleaning.DocumentCleaner;
import io.llmtwin.feature.embedding.Embedder;
import io.llmtwin.featurestore.FeatureStore;
import io.llmtwin.model.messaging.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the indexing pipeline to RabbitMQ: declares the shared topology of {@link Topology}, a
 * listener container with manual acks and bounded prefetch/concurrency, and the listener.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexingProperties.class)
public class IndexingConfiguration {
  /** Name of the listener container factory bean of {@link DocumentChangeListener}. */
  public static final String CONTAINER_FACTORY = "featureListenerContainerFactory";

  @Bean
  Declarables featureTopology(IndexingProperties properties) {
    Topology.Definition topology =
        Topology.featurePipeline(properties.retryDelay(), properties.maxAttempts());
    List<Declarable> declarables = new ArrayList<>();
    for (Topology.Exchange e : topology.exchanges()) {
      declarables.add(
          new ExchangeBuilder(e.name(), e.type().amqpName()).durable(e.durable()).build());
    }
    for (Topology.Queue q : topology.queues()) {
      declarables.add(new Queue(q.name(), q.durable(), false, false, q.arguments()));
    }
    for (Topology.Binding b : topology.bindings()) {
      declarables.add(
          new Binding(
              b.queue(), Binding.DestinationType.QUEUE, b.exchange(), b.routingKey(), null));
    }
    return new Declarables(declarables);
  }

  @Bean(CONTAINER_FACTORY)
  SimpleRabbitListenerContainerFactory featureListenerContainerFactory(
      SimpleRabbitListenerContainerFactoryConfigurer configurer,
      ConnectionFactory connectionFactory,
      IndexingProperties properties) {
    SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
    configurer.configure(factory, connectionFactory);
    factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    factory.setPrefetchCount(properties.prefetch());
    factory.setConcurrentConsumers(properties.concurrency());
    factory.setMaxConcurrentConsumers(properties.concurrency());
    factory.setDefaultRequeueRejected(false);
    return factory;
  }

  @Bean
  DocumentIndexer documentIndexer(
      DocumentCleaner cleaner,
      DocumentChunker chunker,
      Embedder embedder,
      FeatureStore store,
      MeterRegistry meters) {
    return new DocumentIndexer(cleaner, chunker, embedder, store, meters, Clock.systemUTC());
  }

  @Bean
  DocumentChangeListener documentChangeListener(
      DocumentIndexer indexer,
      RabbitTemplate rabbitTemplate,
      IndexingProperties properties,
      MeterRegistry meters) {
    JsonMapper json =
        JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    return new DocumentChangeListener(
        json, indexer, new FailureRouter(rabbitTemplate, properties.maxAttempts(), meters));
  }
}
