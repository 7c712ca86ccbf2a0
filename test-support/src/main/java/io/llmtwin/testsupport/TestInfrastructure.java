package io.llmtwin.testsupport;

import java.util.function.BooleanSupplier;

/**
 * The one way tests obtain MongoDB, RabbitMQ and Qdrant. Each server is resolved once per JVM, on
 * first use, in this order:
 *
 * <ol>
 *   <li>the environment variable ({@value #MONGODB_URI}, {@value #RABBITMQ_URI}, {@value
 *       #QDRANT_URI}; a JVM system property of the same name also counts);
 *   <li>a Testcontainers container of the image pinned in {@link TestImages}, when Docker is
 *       available and {@code LLMTWIN_TEST_DOCKER} is not {@code false};
 *   <li>the devstack stand-in in this JVM (mongo-java-server, Qpid Broker-J, the Qdrant API
 *       server), on a free port.
 * </ol>
 *
 * <p>Whatever was started stops when the JVM exits. Spring tests use {@link WithTestInfrastructure}
 * instead of calling this class.
 */
public final class TestInfrastructure {

  /** Names a MongoDB server, e.g. {@code mongodb://127.0.0.1:27017}. */
  public static final String MONGODB_URI = "LLMTWIN_TEST_MONGODB_URI";

  /** Names an AMQP broker, e.g. {@code amqp://guest:guest@127.0.0.1:5672}. */
  public static final String RABBITMQ_URI = "LLMTWIN_TEST_RABBITMQ_URI";

  /** Names a Qdrant gRPC API, e.g. {@code http://127.0.0.1:6334}. */
  public static final String QDRANT_URI = "LLMTWIN_TEST_QDRANT_URI";

  private static final InfrastructureResolver RESOLVER =
      new InfrastructureResolver(TestInfrastructure::lookup, once(Containers::dockerAvailable));

  private static final Lazy<MongoEndpoint> MONGO =
      new Lazy<>(
          () ->
              RESOLVER.resolve(
                  MONGODB_URI,
                  uri -> new MongoEndpoint(uri, InfrastructureKind.ENV),
                  Containers::mongo,
                  EmbeddedServers::mongo));

  private static final Lazy<RabbitEndpoint> RABBIT =
      new Lazy<>(
          () ->
              RESOLVER.resolve(
                  RABBITMQ_URI,
                  uri -> RabbitEndpoint.fromUri(uri, InfrastructureKind.ENV),
                  Containers::rabbit,
                  EmbeddedServers::rabbit));

  private static final Lazy<QdrantEndpoint> QDRANT =
      new Lazy<>(
          () ->
              RESOLVER.resolve(
                  QDRANT_URI,
                  uri -> QdrantEndpoint.fromUri(uri, InfrastructureKind.ENV),
                  Containers::qdrant,
                  EmbeddedServers::qdrant));

  private TestInfrastructure() {}

  /** The MongoDB server of this JVM, started on first call when needed. */
  public static MongoEndpoint mongo() {
    return MONGO.get();
  }

  /** The AMQP broker of this JVM, started on first call when needed. */
  public static RabbitEndpoint rabbit() {
    return RABBIT.get();
  }

  /** The Qdrant gRPC API of this JVM, started on first call when needed. */
  public static QdrantEndpoint qdrant() {
    return QDRANT.get();
  }

  /** Whether {@link #qdrant()} has been resolved in this JVM (nothing is started by asking). */
  static boolean qdrantResolved() {
    return QDRANT.isResolved();
  }

  private static String lookup(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? System.getProperty(name) : value;
  }

  private static BooleanSupplier once(BooleanSupplier check) {
    Lazy<Boolean> answer = new Lazy<>(check::getAsBoolean);
    return answer::get;
  }
}
