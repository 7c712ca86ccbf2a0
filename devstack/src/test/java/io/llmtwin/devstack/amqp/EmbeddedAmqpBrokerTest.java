package io.llmtwin.devstack.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedAmqpBrokerTest {

  private static EmbeddedAmqpBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedAmqpBroker.start(0);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static Connection connect() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(broker.amqpUri());
    return factory.newConnection("embedded-amqp-test");
  }

  @Test
  void publishesWithConfirmsAndDeliversToAManualAckConsumer() throws Exception {
    try (Connection connection = connect();
        Channel channel = connection.createChannel()) {
      channel.exchangeDeclare("documents", "topic", true);
      channel.queueDeclare("documents.features", true, false, false, null);
      channel.queueBind("documents.features", "documents", "document.#");
      channel.confirmSelect();

      channel.basicPublish(
          "documents",
          "document.article",
          new AMQP.BasicProperties.Builder().contentType("application/json").build(),
          "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
      assertThat(channel.waitForConfirms(5_000)).isTrue();

      List<String> received = new CopyOnWriteArrayList<>();
      channel.basicQos(1);
      DeliverCallback onDelivery =
          (tag, delivery) -> {
            received.add(new String(delivery.getBody(), StandardCharsets.UTF_8));
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
          };
      channel.basicConsume("documents.features", false, onDelivery, tag -> {});

      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
      assertThat(received).containsExactly("{\"id\":1}");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> channel.messageCount("documents.features") == 0);
    }
  }

  @Test
  void unackedMessageIsRedeliveredAfterReject() throws Exception {
    try (Connection connection = connect();
        Channel channel = connection.createChannel()) {
      channel.queueDeclare("redelivery", false, false, true, null);
      channel.basicPublish("", "redelivery", null, "again".getBytes(StandardCharsets.UTF_8));

      GetResponse first =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> channel.basicGet("redelivery", false), r -> r != null);
      channel.basicReject(first.getEnvelope().getDeliveryTag(), true);

      GetResponse second =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> channel.basicGet("redelivery", false), r -> r != null);
      assertThat(second.getEnvelope().isRedeliver()).isTrue();
      assertThat(new String(second.getBody(), StandardCharsets.UTF_8)).isEqualTo("again");
      channel.basicAck(second.getEnvelope().getDeliveryTag(), false);
    }
  }

  @Test
  void ignoresRabbitOnlyQueueArguments() throws Exception {
    try (Connection connection = connect();
        Channel channel = connection.createChannel()) {
      AMQP.Queue.DeclareOk ok =
          channel.queueDeclare(
              "with-rabbit-arguments",
              true,
              false,
              false,
              Map.of("x-queue-type", "classic", "x-message-ttl", 60_000));
      assertThat(ok.getQueue()).isEqualTo("with-rabbit-arguments");
    }
  }

  @Test
  void rejectsWrongPassword() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(EmbeddedAmqpBroker.USERNAME);
    factory.setPassword("wrong");
    assertThatThrownBy(factory::newConnection).isInstanceOf(Exception.class);
  }

  @Test
  void reportsTheRealPortAndAGuestUri() {
    assertThat(broker.port()).isPositive();
    assertThat(broker.amqpUri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + broker.port());
  }
}
