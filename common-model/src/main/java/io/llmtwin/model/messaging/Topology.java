package io.llmtwin.model.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The AMQP topology of the document pipeline as plain data, so that the publisher (crawler-service)
 * and the consumer (feature-service) declare exactly the same exchanges, queues and arguments (a
 * queue re-declared with different arguments is refused by the broker). Each side turns a {@link
 * Definition} into its own client's declarations.
 *
 * <p>Flow: the CDC watcher publishes to {@link Messaging#DOCUMENTS_EXCHANGE} (topic); {@link
 * Messaging#FEATURE_QUEUE} is bound with {@code #}. A consumer that fails a message re-publishes it
 * to {@link Messaging#RETRY_EXCHANGE} (topic, retry queue bound with {@code #}) with {@link
 * Messaging#HEADER_ATTEMPT} + 1; the retry queue holds it for the retry delay ({@code
 * x-message-ttl}) and then dead-letters it through the default exchange back to the feature queue.
 * After {@link Definition#maxAttempts()} the consumer rejects it without requeue (or publishes it
 * to the dead-letter exchange with {@link Messaging#HEADER_FAILURE_REASON}); the feature queue
 * dead-letters, keeping the routing key, to {@link Messaging#DEAD_LETTER_EXCHANGE} (topic, bound
 * with {@code #}) and on into {@link Messaging#FEATURE_DEAD_LETTER_QUEUE}. All exchanges are topic
 * exchanges bound with {@code #} so that Qpid's alternate-exchange routing (original routing key)
 * works the same way.
 *
 * <p>Every queue carries both RabbitMQ's arguments and Qpid Broker-J's equivalents ({@code
 * alternateExchange}, {@code x-qpid-maximum-delivery-count}); each broker ignores the other's when
 * configured as documented in {@code docs/api/messages.md}.
 */
public final class Topology {
  /** Default delay a failed message waits in the retry queue. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(30);

  /** Default number of delivery attempts before a message is dead-lettered. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** RabbitMQ queue argument: exchange that rejected or expired messages go to. */
  public static final String ARG_DEAD_LETTER_EXCHANGE = "x-dead-letter-exchange";

  /** RabbitMQ queue argument: routing key dead-lettered messages are re-published with. */
  public static final String ARG_DEAD_LETTER_ROUTING_KEY = "x-dead-letter-routing-key";

  /** RabbitMQ queue argument: how long a message may wait in the queue, in milliseconds. */
  public static final String ARG_MESSAGE_TTL = "x-message-ttl";

  /** Qpid Broker-J queue attribute: the dead-letter recipe there (no {@code x-dead-letter-*}). */
  public static final String ARG_QPID_ALTERNATE_EXCHANGE = "alternateExchange";

  /** Qpid Broker-J queue argument: deliveries before a message goes to the alternate exchange. */
  public static final String ARG_QPID_MAX_DELIVERY_COUNT = "x-qpid-maximum-delivery-count";

  private Topology() {}

  /** Kind of an exchange. */
  public enum ExchangeType {
    TOPIC,
    DIRECT,
    FANOUT;

    /** The AMQP name of this type, e.g. {@code topic}. */
    public String amqpName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * An exchange to declare.
   *
   * @param name exchange name
   * @param type exchange type
   * @param durable whether it survives a broker restart
   */
  public record Exchange(String name, ExchangeType type, boolean durable) {
    public Exchange {
      requireText(name, "exchange name");
      Objects.requireNonNull(type, "exchange type");
    }
  }

  /**
   * A queue to declare.
   *
   * @param name queue name
   * @param durable whether it survives a broker restart
   * @param arguments declaration arguments (insertion-ordered, unmodifiable)
   */
  public record Queue(String name, boolean durable, Map<String, Object> arguments) {
    public Queue {
      requireText(name, "queue name");
      arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }
  }

  /**
   * A binding of a queue to an exchange.
   *
   * @param exchange exchange name
   * @param queue queue name
   * @param routingKey binding key (a pattern for topic exchanges)
   */
  public record Binding(String exchange, String queue, String routingKey) {
    public Binding {
      requireText(exchange, "exchange");
      requireText(queue, "queue");
      Objects.requireNonNull(routingKey, "routingKey");
    }
  }

  /**
   * A complete topology.
   *
   * @param exchanges exchanges, declared first
   * @param queues queues
   * @param bindings bindings, declared last
   * @param retryDelay how long a failed message waits before its next attempt
   * @param maxAttempts delivery attempts before a message is dead-lettered
   */
  public record Definition(
      List<Exchange> exchanges,
      List<Queue> queues,
      List<Binding> bindings,
      Duration retryDelay,
      int maxAttempts) {
    public Definition {
      exchanges = List.copyOf(exchanges);
      queues = List.copyOf(queues);
      bindings = List.copyOf(bindings);
    }

    /** The queue with the given name. */
    public Queue queue(String name) {
      return queues.stream()
          .filter(q -> q.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no queue " + name));
    }
  }

  /** The feature pipeline's topology with the default retry delay and attempt count. */
  public static Definition featurePipeline() {
    return featurePipeline(DEFAULT_RETRY_DELAY, DEFAULT_MAX_ATTEMPTS);
  }

  /**
   * The feature pipeline's topology. Both sides must use the same values: the broker refuses to
   * re-declare a queue with different arguments.
   */
  public static Definition featurePipeline(Duration retryDelay, int maxAttempts) {
    Objects.requireNonNull(retryDelay, "retryDelay");
    if (retryDelay.isNegative() || retryDelay.isZero()) {
      throw new IllegalArgumentException("retryDelay must be positive");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Map<String, Object> featureArgs = new LinkedHashMap<>();
    featureArgs.put(ARG_DEAD_LETTER_EXCHANGE, Messaging.DEAD_LETTER_EXCHANGE);
    featureArgs.put(ARG_QPID_ALTERNATE_EXCHANGE, Messaging.DEAD_LETTER_EXCHANGE);
    featureArgs.put(ARG_QPID_MAX_DELIVERY_COUNT, maxAttempts);

    Map<String, Object> retryArgs = new LinkedHashMap<>();
    retryArgs.put(ARG_DEAD_LETTER_EXCHANGE, "");
    retryArgs.put(ARG_MESSAGE_TTL, retryDelay.toMillis());
    retryArgs.put(ARG_DEAD_LETTER_ROUTING_KEY, Messaging.FEATURE_QUEUE);

    return new Definition(
        List.of(
            new Exchange(Messaging.DOCUMENTS_EXCHANGE, ExchangeType.TOPIC, true),
            new Exchange(Messaging.RETRY_EXCHANGE, ExchangeType.TOPIC, true),
            new Exchange(Messaging.DEAD_LETTER_EXCHANGE, ExchangeType.TOPIC, true)),
        List.of(
            new Queue(Messaging.FEATURE_QUEUE, true, featureArgs),
            new Queue(Messaging.FEATURE_RETRY_QUEUE, true, retryArgs),
            new Queue(Messaging.FEATURE_DEAD_LETTER_QUEUE, true, Map.of())),
        List.of(
            new Binding(
                Messaging.DOCUMENTS_EXCHANGE,
                Messaging.FEATURE_QUEUE,
                Messaging.ALL_DOCUMENT_CHANGES),
            new Binding(
                Messaging.RETRY_EXCHANGE,
                Messaging.FEATURE_RETRY_QUEUE,
                Messaging.ALL_DOCUMENT_CHANGES),
            new Binding(
                Messaging.DEAD_LETTER_EXCHANGE,
                Messaging.FEATURE_DEAD_LETTER_QUEUE,
                Messaging.ALL_DOCUMENT_CHANGES)),
        retryDelay,
        maxAttempts);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
