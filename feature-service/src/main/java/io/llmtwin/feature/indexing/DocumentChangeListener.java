package io.llmtwin.feature.indexing;

import com.rabbitmq.client.Channel;
import io.llmtwin.model.messaging.DocumentChanged;
import io.llmtwin.model.messaging.Messaging;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@link Messaging#FEATURE_QUEUE} with manual acknowledgements: a message is acked only
 * after the feature store confirmed its writes, or after it was handed on (confirmed) to the retry
 * queue or the dead-letter queue. Messages that cannot be parsed or validated go straight to the
 * dead-letter queue.
 */
public class DocumentChangeListener {
  private static final Logger log = LoggerFactory.getLogger(DocumentChangeListener.class);

  private final JsonMapper json;
  private final DocumentIndexer indexer;
  private final FailureRouter failures;

  DocumentChangeListener(JsonMapper json, DocumentIndexer indexer, FailureRouter failures) {
    this.json = json;
    this.indexer = indexer;
    this.failures = failures;
  }

  /** Handles one delivery. */
  @RabbitListener(
      id = "feature-documents",
      queues = Messaging.FEATURE_QUEUE,
      containerFactory = IndexingConfiguration.CONTAINER_FACTORY)
  public void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    try {
      DocumentChanged event;
      try {
        event = json.readValue(message.getBody(), DocumentChanged.class);
      } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
        failures.deadLetter(message, "unknown", "malformed message: " + e.getMessage());
        channel.basicAck(tag, false);
        return;
      }
      if (event == null) {
        failures.deadLetter(message, "unknown", "malformed message: empty body");
        channel.basicAck(tag, false);
        return;
      }
      try {
        indexer.apply(event);
      } catch (RuntimeException e) {
        failures.failed(message, event.documentType().key(), e);
      }
      channel.basicAck(tag, false);
    } catch (RuntimeException e) {
      // could not hand the message on: leave it to the broker to redeliver
      log.error("Could not route failed message, requeueing it", e);
      channel.basicNack(tag, false, true);
    }
  }
}
