package io.llmtwin.testsupport;

import ch.qos.logback.classic.Level;
import io.llmtwin.devstack.amqp.EmbeddedAmqpBroker;
import io.llmtwin.devstack.mongo.EmbeddedMongo;
import io.llmtwin.devstack.qdrant.EmbeddedQdrant;
import org.slf4j.LoggerFactory;

/** Starts the devstack stand-ins on free ports, in memory, stopped when the JVM exits. */
final class EmbeddedServers {

  private EmbeddedServers() {}

  static MongoEndpoint mongo() {
    EmbeddedMongo mongo = ShutdownHook.closeAtExit(EmbeddedMongo.inMemory().port(0).start());
    return new MongoEndpoint(mongo.connectionString(), InfrastructureKind.EMBEDDED);
  }

  static RabbitEndpoint rabbit() {
    quiet("org.apache.qpid", "qpid");
    EmbeddedAmqpBroker broker = ShutdownHook.closeAtExit(EmbeddedAmqpBroker.start(0));
    return new RabbitEndpoint(
        broker.host(),
        broker.port(),
        broker.username(),
        broker.password(),
        "/",
        InfrastructureKind.EMBEDDED);
  }

  /** Qpid logs every object it opens at INFO, dozens of lines per start; tests need warnings. */
  private static void quiet(String... loggers) {
    for (String name : loggers) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
  }

  static QdrantEndpoint qdrant() {
    EmbeddedQdrant qdrant = ShutdownHook.closeAtExit(EmbeddedQdrant.builder().port(0).start());
    return new QdrantEndpoint(qdrant.host(), qdrant.port(), InfrastructureKind.EMBEDDED);
  }
}
