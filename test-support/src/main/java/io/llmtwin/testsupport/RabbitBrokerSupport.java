package io.llmtwin.testsupport;

import com.rabbitmq.client.ConnectionFactory;
import io.llmtwin.model.messaging.Messaging;
import java.io.IOException;
import java.util.List;

/**
 * Prepares the test broker of {@link TestInfrastructure} for the ITs that run the feature pipeline
 * (feature-service's own and the end-to-end one).
 */
public final class RabbitBrokerSupport {
  private RabbitBrokerSupport() {}

  /** True when the broker is a real RabbitMQ (the Qpid stand-in has no TTL or dead-lettering). */
  public static boolean isRealRabbitMq() {
    return TestInfrastructure.rabbit().kind() != InfrastructureKind.EMBEDDED;
  }

  /** Deletes the feature queues so that this run declares them with its own arguments. */
  public static void resetFeatureQueues() throws Exception {
    RabbitEndpoint broker = TestInfrastructure.rabbit();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(broker.username());
    factory.setPassword(broker.password());
    factory.setVirtualHost(broker.virtualHost());
    try (var connection = factory.newConnection()) {
      for (String queue :
          List.of(
              Messaging.FEATURE_QUEUE,
              Messaging.FEATURE_RETRY_QUEUE,
              Messaging.FEATURE_DEAD_LETTER_QUEUE)) {
        try (var channel = connection.createChannel()) {
          channel.queueDelete(queue);
        } catch (IOException | RuntimeException absent) {
          // a broker may refuse to delete a queue that does not exist; nothing to reset then
        }
      }
    }
  }
}
