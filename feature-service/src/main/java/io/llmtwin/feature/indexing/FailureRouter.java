package io.llmtwin.feature.indexing;

import io.llmtwin.model.messaging.Messaging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessagePropertiesBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends a failed message on: back through the retry queue with its attempt counter raised while
 * attempts are left, else to the dead-letter exchange with the reason in {@link
 * Messaging#HEADER_FAILURE_REASON}. Waits for the broker's publisher confirm before returning, so
 * the caller may then acknowledge the original.
 */
final class FailureRouter {
  private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);
  private static final int MAX_REASON_LENGTH = 1000;
  private static final long CONFIRM_TIMEOUT_MS = 10_000;

  private final RabbitTemplate rabbit;
  private final int maxAttempts;
  private final MeterRegistry meters;

  FailureRouter(RabbitTemplate rabbit, int maxAttempts, MeterRegistry meters) {
    this.rabbit = rabbit;
    this.maxAttempts = maxAttempts;
    this.meters = meters;
  }

  /** The attempt the message is on, from {@link Messaging#HEADER_ATTEMPT}; 1 when absent. */
  static int attempt(Message message) {
    Object header = message.getMessageProperties().getHeader(Messaging.HEADER_ATTEMPT);
    if (header instanceof Number n) {
      return Math.max(1, n.intValue());
    }
    if (header != null) {
      try {
        return Math.max(1, Integer.parseInt(header.toString().trim()));
      } catch (NumberFormatException ignored) {
        return 1;
      }
    }
    return 1;
  }

  /** Schedules another attempt, or dead-letters the message after the last one. */
  void failed(Message message, String type, Exception failure) {
    int attempt = attempt(message);
    String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (attempt < maxAttempts) {
      log.warn(
          "Indexing message {} failed on attempt {}/{}, retrying: {}",
          message.getMessageProperties().getMessageId(),
          attempt,
          maxAttempts,
          reason);
      MessageProperties props = copy(message);
      props.setHeader(Messaging.HEADER_ATTEMPT, attempt + 1);
      props.setHeader(Messaging.HEADER_FAILURE_REASON, truncate(reason));
      publish(Messaging.RETRY_EXCHANGE, routingKey(message), new Message(message.getBody(), props));
      count(type, "retried");
    } else {
      deadLetter(message, type, "failed after " + attempt + " attempts: " + reason);
    }
  }

  /** Sends the message straight to the dead-letter exchange (malformed input). */
  void deadLetter(Message message, String type, String reason) {
    log.warn(
        "Dead-lettering message {}: {}", message.getMessageProperties().getMessageId(), reason);
    MessageProperties props = copy(message);
    props.setHeader(Messaging.HEADER_FAILURE_REASON, truncate(reason));
    publish(
        Messaging.DEAD_LETTER_EXCHANGE, routingKey(message), new Message(message.getBody(), props));
    count(type, "dead_lettered");
  }

  private void publish(String exchange, String routingKey, Message message) {
    rabbit.invoke(
        ops -> {
          ops.send(exchange, routingKey, message);
          ops.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
          return null;
        });
  }

  private void count(String type, String outcome) {
    Counter.builder("llmtwin.feature.failures")
        .description("messages that failed to index, by what happened to them")
        .tag("type", type)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  private static MessageProperties copy(Message message) {
    MessageProperties original = message.getMessageProperties();
    MessageProperties props = MessagePropertiesBuilder.newInstance().build();
    props.setContentType(original.getContentType());
    props.setContentEncoding(original.getContentEncoding());
    props.setMessageId(original.getMessageId());
    props.setTimestamp(original.getTimestamp());
    props.setType(original.getType());
    props.setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
    original.getHeaders().forEach(props::setHeader);
    return props;
  }

  private static String routingKey(Message message) {
    String key = message.getMessageProperties().getReceivedRoutingKey();
    return key == null || key.isBlank() ? Messaging.FEATURE_QUEUE : key;
  }

  private static String truncate(String reason) {
    String r = reason == null ? "unknown" : reason;
    return r.length() <= MAX_REASON_LENGTH ? r : r.substring(0, MAX_REASON_LENGTH) + "…";
  }
}
