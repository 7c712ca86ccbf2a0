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
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.llmtwin.model.messaging.DocumentChanged;
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
 * The one place the CDC tests get their infrastructure from: MongoDB is mongo-java-server with its
 * oplog (until the shared test support lands), RabbitMQ comes from {@code
 * LLMTWIN_TEST_RABBITMQ_URI} or the local broker. Every test uses its own database and exchange so
 * that tests (and other services' tests on the same broker) never see each other's messages.
 */
final class CdcTestInfrastructure {
  private static MongoServer mongoServer;
  private static String mongoUri;

  private CdcTestInfrastructure() {}

  static synchronized String mongoUri() {
    if (mongoServer == null) {
      mongoServer = new MongoServer(new MemoryBackend());
      mongoServer.enableOplog();
      var address = mongoServer.bind();
      mongoUri = "mongodb://127.0.0.1:" + address.getPort();
    }
    return mongoUri;
  }

  static URI rabbitUri() {
    String fromEnv = System.getenv("LLMTWIN_TEST_RABBITMQ_URI");
    return URI.create(
        fromEnv == null || fromEnv.isBlank() ? "amqp://guest:guest@127.0.0.1:5672" : fromEnv);
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
      URI rabbit = rabbitUri();
      String[] userInfo =
          rabbit.getUserInfo() == null ? new String[0] : rabbit.getUserInfo().split(":", 2);
      List<String> properties = new ArrayList<>();
      properties.add("spring.mongodb.uri=" + mongoUri() + "/" + database);
      properties.add("management.health.mongodb.enabled=false");
      properties.add("spring.rabbitmq.host=" + rabbit.getHost());
      properties.add("spring.rabbitmq.port=" + (rabbit.getPort() < 0 ? 5672 : rabbit.getPort()));
      if (userInfo.length == 2) {
        properties.add("spring.rabbitmq.username=" + userInfo[0]);
        properties.add("spring.rabbitmq.password=" + userInfo[1]);
      }
      properties.add("spring.rabbitmq.publisher-confirm-type=correlated");
      properties.add("spring.rabbitmq.publisher-returns=true");
      properties.add("spring.rabbitmq.template.mandatory=true");
      properties.add("llmtwin.security.api-keys=author-1:test-key-123");
      properties.add("server.port=0");
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
    private final List<Received> received = new CopyOnWriteArrayList<>();

    Subscriber(String exchange) throws Exception {
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

    @Override
    public void close() throws Exception {
      connection.close();
    }
  }
}
