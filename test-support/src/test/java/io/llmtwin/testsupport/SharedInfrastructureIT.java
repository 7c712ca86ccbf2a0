package io.llmtwin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The servers handed out work with the official clients, whichever kind they are. */
class SharedInfrastructureIT {

  @Test
  void mongoSupportsChangeStreams() {
    MongoEndpoint endpoint = TestInfrastructure.mongo();
    assertThat(endpoint.kind()).isEqualTo(expectedKind(TestInfrastructure.MONGODB_URI));
    assertThat(TestInfrastructure.mongo()).as("resolved once per JVM").isSameAs(endpoint);

    try (MongoClient client = MongoClients.create(endpoint.uri())) {
      MongoCollection<Document> collection =
          client.getDatabase("test_support").getCollection("c" + UUID.randomUUID());
      collection.insertOne(new Document("_id", "first"));
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          collection.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
        collection.insertOne(new Document("_id", "second"));
        ChangeStreamDocument<Document> event =
            await().atMost(Duration.ofSeconds(10)).until(stream::tryNext, Objects::nonNull);
        assertThat(event.getOperationType()).isEqualTo(OperationType.INSERT);
        assertThat(event.getFullDocument()).containsEntry("_id", "second");
      }
    }
  }

  @Test
  void rabbitAcceptsConfirmedPublishesAndManualAcks() throws Exception {
    RabbitEndpoint endpoint = TestInfrastructure.rabbit();
    assertThat(endpoint.kind()).isEqualTo(expectedKind(TestInfrastructure.RABBITMQ_URI));

    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(endpoint.uri());
    try (Connection connection = factory.newConnection();
        Channel channel = connection.createChannel()) {
      String queue = channel.queueDeclare().getQueue();
      channel.confirmSelect();
      channel.basicPublish("", queue, null, "ping".getBytes(StandardCharsets.UTF_8));
      assertThat(channel.waitForConfirms(5_000)).isTrue();
      GetResponse response =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> channel.basicGet(queue, false), Objects::nonNull);
      assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("ping");
      channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
    }
  }

  @Test
  void qdrantAnswersTheOfficialClient() throws Exception {
    QdrantEndpoint endpoint = TestInfrastructure.qdrant();
    assertThat(endpoint.kind()).isEqualTo(expectedKind(TestInfrastructure.QDRANT_URI));
    try (QdrantClient client =
        new QdrantClient(
            QdrantGrpcClient.newBuilder(endpoint.host(), endpoint.port(), false, false).build())) {
      assertThat(client.collectionExistsAsync("test_support_it").get(10, TimeUnit.SECONDS))
          .isFalse();
    }
  }

  private static InfrastructureKind expectedKind(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      value = System.getProperty(variable);
    }
    if (value != null && !value.isBlank()) {
      return InfrastructureKind.ENV;
    }
    return Containers.dockerAvailable()
            && !"false".equalsIgnoreCase(System.getenv(InfrastructureResolver.DOCKER_VARIABLE))
        ? InfrastructureKind.CONTAINER
        : InfrastructureKind.EMBEDDED;
  }
}
