package io.llmtwin.devstack;

import ch.qos.logback.classic.Level;
import io.llmtwin.devstack.amqp.EmbeddedAmqpBroker;
import io.llmtwin.devstack.mongo.EmbeddedMongo;
import io.llmtwin.devstack.qdrant.EmbeddedQdrant;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded stand-ins for MongoDB ({@link EmbeddedMongo}), AMQP ({@link
 * EmbeddedAmqpBroker}) and Qdrant ({@link EmbeddedQdrant}) in one process, prints their connection
 * strings and runs until Ctrl-C.
 *
 * <p>{@code java -jar devstack/target/devstack-*.jar [--mongo-port 27017] [--amqp-port 5673]
 * [--qdrant-port 6334] [--data-dir .llm-twin/devstack] [--no-qdrant]}
 *
 * <p>Printed lines a script can read: {@code MONGODB_URI=mongodb://...}, {@code
 * AMQP_URI=amqp://...}, {@code QDRANT_GRPC=host:port} (absent with {@code --no-qdrant}), then
 * {@code DEVSTACK READY}.
 */
public final class DevStack implements AutoCloseable {

  /** The line printed once every stand-in accepts connections. */
  static final String READY = "DEVSTACK READY";

  private final EmbeddedMongo mongo;
  private final EmbeddedAmqpBroker amqp;
  private final Optional<EmbeddedQdrant> qdrant;

  private DevStack(EmbeddedMongo mongo, EmbeddedAmqpBroker amqp, Optional<EmbeddedQdrant> qdrant) {
    this.mongo = mongo;
    this.amqp = amqp;
    this.qdrant = qdrant;
  }

  /**
   * Starts MongoDB, the AMQP broker and (unless disabled) Qdrant; whatever already started is
   * stopped again when a later one fails.
   */
  static DevStack start(DevStackOptions options) {
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      Optional<Path> data = options.dataDirectory().map(Path::toAbsolutePath);
      EmbeddedMongo mongo =
          (data.isPresent()
                  ? EmbeddedMongo.persistent(data.get().resolve("mongodb").resolve("llmtwin.mv.db"))
                  : EmbeddedMongo.inMemory())
              .port(options.mongoPort())
              .start();
      started.push(mongo);
      EmbeddedAmqpBroker amqp = EmbeddedAmqpBroker.start(options.amqpPort());
      started.push(amqp);
      Optional<EmbeddedQdrant> qdrant = Optional.empty();
      if (options.qdrant()) {
        EmbeddedQdrant q =
            EmbeddedQdrant.builder()
                .port(options.qdrantPort())
                .dataDirectory(data.map(d -> d.resolve("qdrant")).orElse(null))
                .start();
        started.push(q);
        qdrant = Optional.of(q);
      }
      return new DevStack(mongo, amqp, qdrant);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /** {@code mongodb://host:port}, without {@code replicaSet=}. */
  String mongoUri() {
    return mongo.connectionString();
  }

  /** {@code amqp://guest:guest@host:port}. */
  String amqpUri() {
    return amqp.amqpUri();
  }

  /** {@code host:port} of the Qdrant gRPC API, empty when it was not started. */
  Optional<String> qdrantAddress() {
    return qdrant.map(q -> q.host() + ":" + q.port());
  }

  /** Prints the connection strings, one {@code KEY=value} a line, then hints and {@link #READY}. */
  void printConnectionStrings(PrintStream out) {
    out.println("MONGODB_URI=" + mongoUri());
    out.println("AMQP_URI=" + amqpUri());
    qdrantAddress().ifPresent(address -> out.println("QDRANT_GRPC=" + address));
    out.println(
        "# Spring Boot: --spring.mongodb.uri="
            + mongoUri()
            + " --management.health.mongodb.enabled=false --spring.rabbitmq.host="
            + amqp.host()
            + " --spring.rabbitmq.port="
            + amqp.port()
            + qdrant
                .map(
                    q ->
                        " --llmtwin.qdrant.host=" + q.host() + " --llmtwin.qdrant.port=" + q.port())
                .orElse(""));
    out.println(
        "# tests:       export LLMTWIN_TEST_MONGODB_URI="
            + mongoUri()
            + " LLMTWIN_TEST_RABBITMQ_URI="
            + amqpUri()
            + qdrant
                .map(q -> " LLMTWIN_TEST_QDRANT_URI=http://" + q.host() + ":" + q.port())
                .orElse(""));
    out.println(READY + " (Ctrl-C stops it)");
    out.flush();
  }

  /** Stops Qdrant, the broker and MongoDB, in that order. */
  @Override
  public void close() {
    Deque<AutoCloseable> all = new ArrayDeque<>();
    all.push(mongo);
    all.push(amqp);
    qdrant.ifPresent(all::push);
    closeAll(all);
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      AutoCloseable next = started.pop();
      try {
        next.close();
      } catch (Exception e) {
        System.err.println("devstack: failed to stop " + next + ": " + e);
      }
    }
  }

  /** Entry point; see the class comment and {@code --help}. */
  public static void main(String[] args) {
    DevStackOptions options;
    try {
      options = DevStackOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("devstack: " + e.getMessage());
      System.err.print(DevStackOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(DevStackOptions.USAGE);
      return;
    }
    quietLibraryLogging();

    DevStack stack;
    try {
      stack = start(options);
    } catch (RuntimeException e) {
      System.err.println("devstack: failed to start: " + e);
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        System.err.println("  caused by: " + cause);
      }
      if (options.qdrant()) {
        System.err.println("devstack: if the Qdrant stand-in is the problem, try --no-qdrant");
      }
      System.exit(1);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  System.out.println("devstack stopped");
                  System.out.flush();
                  stopped.countDown();
                },
                "devstack-shutdown"));
    stack.printConnectionStrings(System.out);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The stand-ins log every connection at INFO; only warnings matter on a developer console. */
  private static void quietLibraryLogging() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.INFO);
    }
    for (String name :
        new String[] {"org.apache.qpid", "qpid", "de.bwaldvogel", "io.grpc", "io.netty"}) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
  }
}
