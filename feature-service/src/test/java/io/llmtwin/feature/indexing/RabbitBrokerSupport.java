package io.llmtwin.feature.indexing;

import com.rabbitmq.client.ConnectionFactory;
import io.llmtwin.model.messaging.Messaging;
import java.net.URI;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test at the real RabbitMQ: {@code LLMTWIN_TEST_RABBITMQ_URI} when set, else
 * 127.0.0.1:5672 guest/guest; removes the feature queues first so their arguments match this run.
 */
final class RabbitBrokerSupport {
  private RabbitBrokerSupport() {}

  static String uri() {
    String env = System.getenv("LLMTWIN_TEST_RABBITMQ_URI");
    return env == null || env.isBlank() ? "amqp://guest:guest@127.0.0.1:5672" : env;
  }

  static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.rabbitmq.addresses", RabbitBrokerSupport::uri);
  }

  static void resetFeatureQueues() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(URI.create(uri()));
    try (var connection = factory.newConnection();
        var channel = connection.createChannel()) {
      channel.queueDelete(Messaging.FEATURE_QUEUE);
      channel.queueDelete(Messaging.FEATURE_RETRY_QUEUE);
      channel.queueDelete(Messaging.FEATURE_DEAD_LETTER_QUEUE);
    }
  }
}
