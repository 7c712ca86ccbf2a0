package io.llmtwin.crawler.cdc;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.llmtwin.model.messaging.DocumentChanged;
import io.llmtwin.testsupport.InfrastructureKind;
import io.llmtwin.testsupport.RabbitEndpoint;
import io.llmtwin.testsupport.TestInfrastructure;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place the CDC tests get their infrastructure from: the shared test support ({@link
 * TestInfrastructure}: environment variable, else container, else the devstack stand-ins, i.e.
 * mongo-java-server with its oplog and Qpid Broker-J). CI points {@code LLMTWIN_TEST_RABBITMQ_URI}
 * at the local RabbitMQ. Every test uses its own database and exchange so that tests (and other
 * services' tests on the same broker) never see each other's messages.
 */
final class CdcTestInfrastructure {
  private CdcTestInfrastructure() {}

  static String mongoUri() {
    return TestInfrastructure.mongo().uri();
  }

  static RabbitEndpoint rabbit() {
    return TestInfrastructure.rabbit();
  }

  static URI rabbitUri() {
    return URI.create(rabbit().uri());
  }

  /** True when the broker is a real RabbitMQ (not the Qpid stand-in). */
  static boolean realRabbitMq() {
    return rabbit().kind() != InfrastructureKind.EMBEDDED;
  }

  static MongoClient mongoClient() {
    return MongoClients.create(mongoUri());
  }

  /** A fresh test scope: unique database and exchange names. */
  static Scope newScope() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    return new Scope("cdc_it_" + id, "llmtwin.documents.it-" + id);
  }

  /** Unique names for one test. */
  record Scope(String database, String exchange) {
    MongoDatabase db(MongoClient client) {
      return client.getDatabase(database);
    }

    /** Starts a crawler-service context with only the CDC feature and the given overrides. */
    ConfigurableApplicationContext start(String instanceId, String... overrides) {
      RabbitEndpoint rabbit = rabbit();
      List<String> properties = new ArrayList<>();
      properties.add("spring.mongodb.uri=" + TestInfrastructure.mongo().uriWithDatabase(database));
      properties.add("spring.mongodb.database=" + database);
      if (TestInfrastructure.mongo().isStandIn()) {
        properties.add("management.health.mongodb.enabled=false");
      }
      properties.add("spring.rabbitmq.host=" + rabbit.host());
      properties.add("spring.rabbitmq.port=" + rabbit.port());
      properties.add("spring.rabbitmq.username=" + rabbit.username());
      properties.add("spring.rabbitmq.password=" + rabbit.password());
      properties.add("spring.rabbitmq.virtual-host=" + rabbit.virtualHost());
      properties.add("spring.rabbitmq.publisher-confirm-type=correlated");
      properties.add("spring.rabbitmq.publisher-returns=true");
      properties.add("spring.rabbitmq.template.mandatory=true");
      properties.add("llmtwin.security.api-keys=author-1:test-key-123");
      properties.add("server.port=0");
      properties.add("llmtwin.crawler.cdc.enabled=true");
      properties.add("llmtwin.crawler.cdc.instance-id=" + instanceId);
      properties.add("llmtwin.crawler.cdc.exchange=" + exchange);
      properties.add("llmtwin.crawler.cdc.declare-topology=false");
      properties.add("llmtwin.crawler.cdc.lease-ttl=3s");
      properties.add("llmtwin.crawler.cdc.lease-renew-interval=500ms");
      properties.add("llmtwin.crawler.cdc.max-await=50ms");
      properties.add("llmtwin.crawler.cdc.retry-backoff=200ms");
      properties.add("llmtwin.crawler.cdc.confirm-timeout=5s");
      properties.add("spring.main.banner-mode=off");
      properties.addAll(List.of(overrides));
      Map<String, String> byName = new LinkedHashMap<>();
      for (String property : properties) {
        int eq = property.indexOf('=');
        byName.put(property.substring(0, eq), property.substring(eq + 1));
      }
      // as command-line arguments: they must win over the services' shared defaults
      return new SpringApplicationBuilder(CdcTestApplication.class)
          .run(
              byName.entrySet().stream()
                  .map(e -> "--" + e.getKey() + "=" + e.getValue())
                  .toArray(String[]::new));
    }

    /** A consumer of everything published to this scope's exchange. */
    Subscriber subscribe() throws Exception {
      return new Subscriber(exchange);
    }
  }

  /** One received message. */
  record Received(
      String messageId,
      String routingKey,
      String publisher,
      boolean persistent,
      DocumentChanged event) {}

  /** Collects every message published to an exchange in arrival order. */
  static final class Subscriber implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Connection connection;
    private final String exchange;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    Subscriber(String exchange) throws Exception {
      this.exchange = exchange;
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(rabbitUri());
      connection = factory.newConnection("cdc-test-subscriber");
      Channel channel = connection.createChannel();
      channel.exchangeDeclare(exchange, "topic", true);
      String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
      channel.queueBind(queue, exchange, "#");
      channel.basicConsume(
          queue,
          true,
          new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(
                String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
              Object publisher =
                  props.getHeaders() == null
                      ? null
                      : props.getHeaders().get(ConfirmingPublisher.HEADER_PUBLISHER);
              received.add(
                  new Received(
                      props.getMessageId(),
                      envelope.getRoutingKey(),
                      publisher == null ? null : publisher.toString(),
                      Integer.valueOf(2).equals(props.getDeliveryMode()),
                      JSON.readValue(body, DocumentChanged.class)));
            }
          });
    }

    List<Received> received() {
      return List.copyOf(received);
    }

    List<DocumentChanged> events() {
      return received.stream().map(Received::event).toList();
    }

    /** Deletes the test exchange (the relay under test is closed by then) and disconnects. */
    @Override
    public void close() throws Exception {
      try (Channel channel = connection.createChannel()) {
        channel.exchangeDelete(exchange);
      } finally {
        connection.close();
      }
    }
  }
}
