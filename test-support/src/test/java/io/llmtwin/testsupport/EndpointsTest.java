package io.llmtwin.testsupport;

import static io.llmtwin.testsupport.InfrastructureKind.CONTAINER;
import static io.llmtwin.testsupport.InfrastructureKind.EMBEDDED;
import static io.llmtwin.testsupport.InfrastructureKind.ENV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointsTest {

  @Test
  void readsAFullAmqpUri() {
    RabbitEndpoint rabbit =
        RabbitEndpoint.fromUri("amqp://app:s%40cret@rabbit.local:5673/twin", ENV);
    assertThat(rabbit.host()).isEqualTo("rabbit.local");
    assertThat(rabbit.port()).isEqualTo(5673);
    assertThat(rabbit.username()).isEqualTo("app");
    assertThat(rabbit.password()).isEqualTo("s@cret");
    assertThat(rabbit.virtualHost()).isEqualTo("twin");
    assertThat(rabbit.address()).isEqualTo("rabbit.local:5673");
    assertThat(rabbit.uri()).isEqualTo("amqp://app:s%40cret@rabbit.local:5673/twin");
  }

  @Test
  void amqpUriDefaultsToGuestPort5672AndRootVirtualHost() {
    RabbitEndpoint rabbit = RabbitEndpoint.fromUri("amqp://127.0.0.1", ENV);
    assertThat(rabbit.port()).isEqualTo(5672);
    assertThat(rabbit.username()).isEqualTo("guest");
    assertThat(rabbit.password()).isEqualTo("guest");
    assertThat(rabbit.virtualHost()).isEqualTo("/");
    assertThat(rabbit.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:5672");
    assertThat(RabbitEndpoint.fromUri("amqps://h", ENV).port()).isEqualTo(5671);
    assertThat(RabbitEndpoint.fromUri("amqp://h/%2F", ENV).virtualHost()).isEqualTo("/");
  }

  @Test
  void rejectsWhatIsNotAnAmqpUri() {
    assertThatThrownBy(() -> RabbitEndpoint.fromUri("http://127.0.0.1:5672", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an AMQP URI");
  }

  @Test
  void readsQdrantGrpcAddressWithOrWithoutScheme() {
    QdrantEndpoint withScheme = QdrantEndpoint.fromUri("http://qdrant.local:16334", ENV);
    assertThat(withScheme.host()).isEqualTo("qdrant.local");
    assertThat(withScheme.port()).isEqualTo(16334);
    assertThat(withScheme.uri()).isEqualTo("http://qdrant.local:16334");

    QdrantEndpoint bare = QdrantEndpoint.fromUri("127.0.0.1", CONTAINER);
    assertThat(bare.port()).isEqualTo(6334);
    assertThat(QdrantEndpoint.fromUri("127.0.0.1:7000", ENV).port()).isEqualTo(7000);
  }

  @Test
  void mongoEndpointReadsTheFirstSeedAndKnowsTheStandIn() {
    MongoEndpoint mongo =
        new MongoEndpoint("mongodb://user:pw@db1:27018,db2:27019/twin?replicaSet=rs0", ENV);
    assertThat(mongo.host()).isEqualTo("db1");
    assertThat(mongo.port()).isEqualTo(27018);
    assertThat(mongo.isStandIn()).isFalse();

    MongoEndpoint standIn = new MongoEndpoint("mongodb://127.0.0.1", EMBEDDED);
    assertThat(standIn.port()).isEqualTo(27017);
    assertThat(standIn.isStandIn()).isTrue();
    assertThat(standIn.uriWithDatabase("t")).isEqualTo("mongodb://127.0.0.1/t");
    assertThatThrownBy(() -> new MongoEndpoint("postgres://x", ENV))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addsADefaultDatabaseOnlyWhenTheUriNamesNone() {
    assertThat(new MongoEndpoint("mongodb://h:1", ENV).uriWithDatabase("t"))
        .isEqualTo("mongodb://h:1/t");
    assertThat(new MongoEndpoint("mongodb://h:1/", ENV).uriWithDatabase("t"))
        .isEqualTo("mongodb://h:1/t");
    assertThat(new MongoEndpoint("mongodb://h:1/?directConnection=true", ENV).uriWithDatabase("t"))
        .isEqualTo("mongodb://h:1/t?directConnection=true");
    assertThat(new MongoEndpoint("mongodb://h:1?directConnection=true", ENV).uriWithDatabase("t"))
        .isEqualTo("mongodb://h:1/t?directConnection=true");
    assertThat(new MongoEndpoint("mongodb://h:1/own?w=1", ENV).uriWithDatabase("t"))
        .isEqualTo("mongodb://h:1/own?w=1");
  }
}
