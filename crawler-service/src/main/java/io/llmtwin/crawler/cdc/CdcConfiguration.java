package io.llmtwin.crawler.cdc;

import io.llmtwin.model.messaging.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionNameStrategy;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/** Wires the CDC watcher, its AMQP declarations, health and the replay endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdcProperties.class)
public class CdcConfiguration {

  /**
   * The documents exchange (always), and the feature pipeline's queues when {@code
   * declare-topology} is on; Spring's {@code RabbitAdmin} declares them on every (re)connect.
   */
  @Bean
  Declarables cdcDeclarables(CdcProperties properties) {
    return toDeclarables(properties);
  }

  /** Turns the shared {@link Topology} description into Spring AMQP declarations. */
  static Declarables toDeclarables(CdcProperties properties) {
    List<Declarable> declarables = new ArrayList<>();
    if (!properties.declareTopology()) {
      declarables.add(ExchangeBuilder.topicExchange(properties.exchange()).durable(true).build());
      return new Declarables(declarables);
    }
    Topology.Definition topology = properties.topology();
    for (Topology.Exchange exchange : topology.exchanges()) {
      declarables.add(
          new ExchangeBuilder(exchange.name(), exchange.type().amqpName())
              .durable(exchange.durable())
              .build());
    }
    for (Topology.Queue queue : topology.queues()) {
      declarables.add(
          new Queue(
              queue.name(), queue.durable(), false, false, new LinkedHashMap<>(queue.arguments())));
    }
    for (Topology.Binding binding : topology.bindings()) {
      declarables.add(
          new Binding(
              binding.queue(),
              Binding.DestinationType.QUEUE,
              binding.exchange(),
              binding.routingKey(),
              null));
    }
    if (topology.exchanges().stream().noneMatch(e -> e.name().equals(properties.exchange()))) {
      declarables.add(ExchangeBuilder.topicExchange(properties.exchange()).durable(true).build());
    }
    return new Declarables(declarables);
  }

  /**
   * Names the service's AMQP connection {@code crawler-service:<instance>} so that operators (and
   * the broker test) can find it in {@code rabbitmqctl list_connections}.
   */
  @Bean
  @ConditionalOnMissingBean
  ConnectionNameStrategy cdcConnectionNameStrategy(CdcProperties properties) {
    return factory -> "crawler-service:" + properties.instanceId();
  }

  @Bean
  CdcMetrics cdcMetrics(MeterRegistry registry) {
    return new CdcMetrics(registry);
  }

  @Bean
  ConfirmingPublisher cdcPublisher(
      RabbitTemplate rabbitTemplate, CdcProperties properties, CdcMetrics metrics) {
    return new ConfirmingPublisher(rabbitTemplate, properties, metrics);
  }

  @Bean
  AuthorIndex cdcAuthorIndex(MongoDatabaseFactory mongo, CdcProperties properties) {
    return new AuthorIndex(mongo.getMongoDatabase(), properties.authorIndexCollection());
  }

  @Bean
  SnapshotPublisher cdcSnapshotPublisher(
      MongoDatabaseFactory mongo,
      ConfirmingPublisher publisher,
      AuthorIndex authors,
      CdcMetrics metrics,
      CdcProperties properties) {
    return new SnapshotPublisher(
        mongo.getMongoDatabase(), publisher, authors, metrics, properties.batchSize());
  }

  @Bean
  @ConditionalOnProperty(
      prefix = "llmtwin.crawler.cdc",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  ChangeStreamWatcher cdcWatcher(
      MongoDatabaseFactory mongo,
      ConfirmingPublisher publisher,
      SnapshotPublisher snapshots,
      AuthorIndex authors,
      CdcMetrics metrics,
      CdcProperties properties) {
    Clock clock = Clock.systemUTC();
    return new ChangeStreamWatcher(
        mongo.getMongoDatabase(),
        publisher,
        snapshots,
        new ResumeTokenStore(mongo.getMongoDatabase(), properties.offsetsCollection()),
        new WatcherLease(
            mongo.getMongoDatabase(),
            properties.leaseCollection(),
            properties.instanceId(),
            properties.leaseTtl(),
            clock),
        authors,
        metrics,
        properties,
        clock);
  }

  @Bean
  @ConditionalOnProperty(
      prefix = "llmtwin.crawler.cdc",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  CdcHealthIndicator cdcHealthIndicator(ChangeStreamWatcher watcher, CdcMetrics metrics) {
    return new CdcHealthIndicator(watcher, metrics);
  }
}
