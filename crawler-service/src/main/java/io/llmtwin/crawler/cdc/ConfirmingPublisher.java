package io.llmtwin.crawler.cdc;

import io.llmtwin.model.messaging.DocumentChanged;
import io.llmtwin.model.messaging.Messaging;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@link DocumentChanged} events as persistent JSON messages and returns only once the
 * broker has confirmed every one of them. It uses the service's single cached AMQP connection
 * (Spring's {@code CachingConnectionFactory}, correlated publisher confirms), which is re-opened
 * transparently after the broker drops it. Events of a batch are sent back to back on one channel
 * ({@code RabbitTemplate.invoke}: the broker keeps the order within a channel only) and confirmed
 * together, and the next batch is sent only once the previous one is confirmed; after a failure
 * everything from the first unconfirmed event on is sent again, so the order of changes to one
 * document is kept (at the price of duplicates).
 */
final class ConfirmingPublisher {
  /** Header naming the watcher instance that published a message (diagnostics). */
  static final String HEADER_PUBLISHER = "x-llmtwin-publisher";

  private static final Logger log = LoggerFactory.getLogger(ConfirmingPublisher.class);

  private final RabbitTemplate template;
  private final CdcProperties properties;
  private final CdcMetrics metrics;
  private final JsonMapper json = JsonMapper.builder().build();

  ConfirmingPublisher(RabbitTemplate template, CdcProperties properties, CdcMetrics metrics) {
    this.template = template;
    this.properties = properties;
    this.metrics = metrics;
  }

  /**
   * Publishes all events in order, retrying until each is confirmed.
   *
   * @param keepGoing asked before every attempt; when false the call gives up
   * @throws PublishAbortedException when {@code keepGoing} said stop before all were confirmed
   * @throws InterruptedException when the calling thread was interrupted
   */
  void publishAll(List<DocumentChanged> events, BooleanSupplier keepGoing)
      throws PublishAbortedException, InterruptedException {
    int from = 0;
    while (from < events.size()) {
      if (!keepGoing.getAsBoolean()) {
        throw new PublishAbortedException(
            (events.size() - from) + " events left unconfirmed: publishing stopped");
      }
      int confirmed = attempt(events.subList(from, events.size()));
      from += confirmed;
      if (from < events.size()) {
        metrics.publishFailure();
        TimeUnit.MILLISECONDS.sleep(properties.retryBackoff().toMillis());
      }
    }
  }

  /** Sends the events and waits for their confirms; returns how many in a row were confirmed. */
  private int attempt(List<DocumentChanged> events) throws InterruptedException {
    List<CorrelationData> pending = new ArrayList<>(events.size());
    long[] sentAt = new long[events.size()];
    try {
      // one channel for the whole batch: messages on different channels may be reordered
      template.invoke(
          operations -> {
            for (DocumentChanged event : events) {
              CorrelationData correlation = new CorrelationData(event.eventId());
              sentAt[pending.size()] = System.nanoTime();
              operations.send(
                  properties.exchange(), event.routingKey(), toMessage(event), correlation);
              pending.add(correlation);
            }
            return null;
          });
    } catch (AmqpException e) {
      log.warn(
          "Publishing failed after {} of {} events, will retry: {}",
          pending.size(),
          events.size(),
          e.getMessage());
    }
    long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
    for (int i = 0; i < pending.size(); i++) {
      CorrelationData correlation = pending.get(i);
      try {
        long wait = Math.max(0, deadline - System.nanoTime());
        CorrelationData.Confirm confirm = correlation.getFuture().get(wait, TimeUnit.NANOSECONDS);
        if (!confirm.ack()) {
          log.warn("Broker did not confirm event {}: {}", correlation.getId(), confirm.reason());
          return i;
        }
      } catch (ExecutionException e) {
        log.warn("Confirm of event {} failed: {}", correlation.getId(), e.getMessage());
        return i;
      } catch (TimeoutException e) {
        log.warn(
            "No confirm for event {} within {}", correlation.getId(), properties.confirmTimeout());
        return i;
      }
      if (correlation.getReturned() != null) {
        metrics.returned();
        log.warn(
            "Event {} was not routed to any queue ({}): nobody listens on {}",
            correlation.getId(),
            correlation.getReturned().getReplyText(),
            properties.exchange());
      }
      DocumentChanged event = events.get(i);
      metrics.published(
          event.documentType(), event.operation(), Duration.ofNanos(System.nanoTime() - sentAt[i]));
    }
    return pending.size();
  }

  private Message toMessage(DocumentChanged event) {
    MessageProperties props = new MessageProperties();
    props.setMessageId(event.eventId());
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setContentEncoding("UTF-8");
    props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    props.setTimestamp(new Date());
    props.setAppId("crawler-service");
    props.setHeader(Messaging.HEADER_SCHEMA_VERSION, event.schemaVersion());
    props.setHeader(HEADER_PUBLISHER, properties.instanceId());
    return new Message(json.writeValueAsBytes(event), props);
  }
}
