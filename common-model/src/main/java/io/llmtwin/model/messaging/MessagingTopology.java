package io.llmtwin.model.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The broker topology of the document pipeline as plain data, so the crawler's publisher and the
 * feature-service declare exactly the same exchanges, queues and bindings (a redeclaration with
 * other arguments is refused by RabbitMQ).
 *
 * <p>Flow: the CDC watcher publishes to {@link Messaging#DOCUMENTS_EXCHANGE}; {@link
 * Messaging#FEATURE_QUEUE} receives every change. A failed message is republished to {@link
 * Messaging#RETRY_EXCHANGE}; {@link Messaging#FEATURE_RETRY_QUEUE} holds it for the retry delay
 * ({@code x-message-ttl}) and then dead-letters it through the default exchange straight back to
 * the feature queue. After the last attempt, or when it cannot be parsed, a message goes to {@link
 * Messaging#DEAD_LETTER_EXCHANGE} and ends in {@link Messaging#FEATURE_DEAD_LETTER_QUEUE}.
 */
public final class MessagingTopology {
  private MessagingTopology() {}

  /** Default delay a failed message waits before its next attempt. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(5);

  /** An exchange to declare (always durable, never auto-deleted). */
  public record Exchange(String name, String type) {}

  /** A durable queue to declare with its arguments. */
  public record Queue(String name, Map<String, Object> arguments) {
    public Queue {
      arguments = Map.copyOf(arguments);
    }
  }

  /** A binding of {@code queue} to {@code exchange} with {@code routingKey}. */
  public record Binding(String exchange, String queue, String routingKey) {}

  /** The exchange CDC publishers need: the durable topic exchange of document changes. */
  public static Exchange documentsExchange() {
    return new Exchange(Messaging.DOCUMENTS_EXCHANGE, "topic");
  }

  /** Every exchange of the pipeline. */
  public static List<Exchange> exchanges() {
    return List.of(
        documentsExchange(),
        new Exchange(Messaging.RETRY_EXCHANGE, "topic"),
        new Exchange(Messaging.DEAD_LETTER_EXCHANGE, "topic"));
  }

  /**
   * The feature pipeline's queues.
   *
   * @param retryDelay how long a failed message waits in the retry queue
   */
  public static List<Queue> featureQueues(Duration retryDelay) {
    return List.of(
        new Queue(
            Messaging.FEATURE_QUEUE,
            Map.of("x-dead-letter-exchange", Messaging.DEAD_LETTER_EXCHANGE)),
        new Queue(
            Messaging.FEATURE_RETRY_QUEUE,
            Map.of(
                "x-message-ttl",
                retryDelay.toMillis(),
                "x-dead-letter-exchange",
                "",
                "x-dead-letter-routing-key",
                Messaging.FEATURE_QUEUE)),
        new Queue(Messaging.FEATURE_DEAD_LETTER_QUEUE, Map.of()));
  }

  /** The bindings of the feature pipeline's queues. */
  public static List<Binding> featureBindings() {
    return List.of(
        new Binding(
            Messaging.DOCUMENTS_EXCHANGE, Messaging.FEATURE_QUEUE, Messaging.ALL_DOCUMENT_CHANGES),
        new Binding(
            Messaging.RETRY_EXCHANGE,
            Messaging.FEATURE_RETRY_QUEUE,
            Messaging.ALL_DOCUMENT_CHANGES),
        new Binding(
            Messaging.DEAD_LETTER_EXCHANGE,
            Messaging.FEATURE_DEAD_LETTER_QUEUE,
            Messaging.ALL_DOCUMENT_CHANGES));
  }
}
