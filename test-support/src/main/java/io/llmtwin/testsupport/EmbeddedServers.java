package io.llmtwin.testsupport;

import io.llmtwin.devstack.amqp.EmbeddedAmqpBroker;
import io.llmtwin.devstack.mongo.EmbeddedMongo;
import io.llmtwin.devstack.qdrant.EmbeddedQdrant;

/** Starts the devstack stand-ins on free ports, in memory, stopped when the JVM exits. */
final class EmbeddedServers {

  private EmbeddedServers() {}

  static MongoEndpoint mongo() {
    EmbeddedMongo mongo = ShutdownHook.closeAtExit(EmbeddedMongo.inMemory().port(0).start());
    return new MongoEndpoint(mongo.connectionString(), InfrastructureKind.EMBEDDED);
  }

  static RabbitEndpoint rabbit() {
    EmbeddedAmqpBroker broker = ShutdownHook.closeAtExit(EmbeddedAmqpBroker.start(0));
    return new RabbitEndpoint(
        broker.host(),
        broker.port(),
        broker.username(),
        broker.password(),
        "/",
        InfrastructureKind.EMBEDDED);
  }

  static QdrantEndpoint qdrant() {
    EmbeddedQdrant qdrant = ShutdownHook.closeAtExit(EmbeddedQdrant.builder().port(0).start());
    return new QdrantEndpoint(qdrant.host(), qdrant.port(), InfrastructureKind.EMBEDDED);
  }
}
