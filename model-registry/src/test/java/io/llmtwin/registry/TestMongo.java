package io.llmtwin.registry;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.llmtwin.testsupport.MongoEndpoint;
import io.llmtwin.testsupport.TestInfrastructure;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The one place these tests get MongoDB: the JVM-wide server of {@code test-support} ({@link
 * TestInfrastructure#mongo()}: an environment-named server, a container, or the in-JVM stand-in
 * with its oplog on), plus a client of this test class. Each template gets a fresh database, so
 * tests do not see each other's data.
 */
public final class TestMongo implements AutoCloseable {

  private final MongoEndpoint endpoint;
  private final MongoClient client;

  private TestMongo() {
    this.endpoint = TestInfrastructure.mongo();
    this.client = MongoClients.create(endpoint.uri());
  }

  /** Connects to the test MongoDB (starting it on first use in this JVM). */
  public static TestMongo start() {
    return new TestMongo();
  }

  /** The connection string with {@code database} as its database. */
  public String uri(String database) {
    return endpoint.uriWithDatabase(database);
  }

  /** A template on a fresh database. */
  public MongoTemplate freshTemplate() {
    return new MongoTemplate(client, "t" + UUID.randomUUID().toString().replace("-", ""));
  }

  /** Closes this client; the server belongs to the JVM and stops at exit. */
  @Override
  public void close() {
    client.close();
  }
}
