package io.llmtwin.crawler;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one place ITs get MongoDB from: an in-process mongo-java-server shared by the test JVM.
 * Replace with the shared test-support annotation once it is on main.
 */
final class EmbeddedMongo {
  private static MongoServer server;
  private static String uri;

  private EmbeddedMongo() {}

  static synchronized String uri() {
    if (server == null) {
      server = new MongoServer(new MemoryBackend());
      server.bind("127.0.0.1", 0);
      InetSocketAddress address = server.getLocalAddress();
      uri = "mongodb://127.0.0.1:" + address.getPort() + "/llmtwin";
    }
    return uri;
  }

  /** Registers the Mongo URI and turns off the health check mongo-java-server cannot answer. */
  static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
    registry.add("management.health.mongodb.enabled", () -> "false");
  }
}
