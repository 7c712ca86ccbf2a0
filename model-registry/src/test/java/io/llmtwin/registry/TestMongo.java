package io.llmtwin.registry;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The one place tests get a MongoDB: an in-memory mongo-java-server with the oplog on (for change
 * streams). Switch this class to the shared test-support helper once that lands.
 */
public final class TestMongo implements AutoCloseable {

  private final MongoServer server;
  private final MongoClient client;
  private final String uri;

  private TestMongo() {
    MemoryBackend backend = new MemoryBackend();
    this.server = new MongoServer(backend);
    server.enableOplog();
    InetSocketAddress address = server.bind();
    this.uri = "mongodb://127.0.0.1:" + address.getPort();
    this.client = MongoClients.create(uri);
  }

  /** Starts a server on a free local port. */
  public static TestMongo start() {
    return new TestMongo();
  }

  /** The connection string, without a database. */
  public String uri() {
    return uri;
  }

  /** A template on a fresh database, so tests do not see each other's data. */
  public MongoTemplate freshTemplate() {
    return new MongoTemplate(client, "t" + UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
