package io.llmtwin.devstack.amqp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An AMQP 0-9-1 broker running in this JVM (Apache Qpid Broker-J, memory virtual host), for runs
 * without RabbitMQ. Clients log in as {@code guest}/{@code guest} on the default virtual host.
 *
 * <pre>{@code
 * try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(0)) {
 *   ConnectionFactory factory = new ConnectionFactory();
 *   factory.setUri(broker.amqpUri());
 * }
 * }</pre>
 *
 * <p>It is not RabbitMQ: no {@code x-dead-letter-exchange} (use {@code alternateExchange} plus
 * {@code x-qpid-maximum-delivery-count}), no TTL, max-length, quorum or stream queues, no {@code
 * x-death} headers, no exchange-to-exchange bindings. Unknown queue arguments are ignored. See
 * docs/adr/0020-embedded-stand-ins.md.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

  /** The user every client logs in as. */
  public static final String USERNAME = "guest";

  /** The password of {@link #USERNAME}. */
  public static final String PASSWORD = "guest";

  private static final String HOST = "127.0.0.1";

  private static final String INITIAL_CONFIG =
      """
      {
        "name": "llmtwin-devstack",
        "modelVersion": "9.1",
        "authenticationproviders": [ {
          "name": "plain",
          "type": "Plain",
          "secureOnlyMechanisms": [],
          "users": [ { "name": "%s", "type": "managed", "password": "%s" } ]
        } ],
        "ports": [ {
          "name": "AMQP",
          "port": "${qpid.amqp_port}",
          "bindingAddress": "%s",
          "authenticationProvider": "plain",
          "protocols": [ "AMQP_0_9_1", "AMQP_0_9", "AMQP_0_8" ],
          "virtualhostaliases": [
            { "name": "defaultAlias", "type": "defaultAlias" },
            { "name": "nameAlias", "type": "nameAlias" }
          ]
        } ],
        "virtualhostnodes": [ {
          "name": "default",
          "type": "Memory",
          "defaultVirtualHostNode": "true",
          "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
        } ]
      }
      """
          .formatted(USERNAME, PASSWORD, HOST);

  private final SystemLauncher launcher;
  private final Path workDirectory;
  private final int port;

  private EmbeddedAmqpBroker(SystemLauncher launcher, Path workDirectory, int port) {
    this.launcher = launcher;
    this.workDirectory = workDirectory;
    this.port = port;
  }

  /**
   * Starts a broker listening on {@code 127.0.0.1:port}; 0 picks a free port (see {@link #port()}).
   * Returns once the broker accepts connections.
   *
   * @throws IllegalStateException when the broker does not start (e.g. the port is taken)
   */
  public static EmbeddedAmqpBroker start(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    Path workDirectory = createWorkDirectory();
    AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    SystemLauncher launcher = new SystemLauncher(new ContainerCapture(system));
    try {
      launcher.startup(launchAttributes(workDirectory, port));
    } catch (Exception e) {
      launcher.shutdown();
      deleteRecursively(workDirectory);
      throw new IllegalStateException("Qpid broker did not start on port " + port, e);
    }
    return new EmbeddedAmqpBroker(launcher, workDirectory, boundPort(system.get(), port));
  }

  /** {@code amqp://guest:guest@127.0.0.1:port}, usable by amqp-client and Spring AMQP. */
  public String amqpUri() {
    return "amqp://" + USERNAME + ":" + PASSWORD + "@" + HOST + ":" + port;
  }

  /** The address clients should use. */
  public String host() {
    return HOST;
  }

  /** The port the broker listens on (the real one when 0 was requested). */
  public int port() {
    return port;
  }

  /** The user name clients log in with. */
  public String username() {
    return USERNAME;
  }

  /** The password clients log in with. */
  public String password() {
    return PASSWORD;
  }

  /** Stops the broker (dropping every message: the store is in memory) and removes its files. */
  @Override
  public void close() {
    launcher.shutdown();
    deleteRecursively(workDirectory);
  }

  @Override
  public String toString() {
    return "EmbeddedAmqpBroker[" + HOST + ":" + port + "]";
  }

  private static Map<String, Object> launchAttributes(Path workDirectory, int port)
      throws IOException {
    Path config = workDirectory.resolve("initial-config.json");
    Files.writeString(config, INITIAL_CONFIG, StandardCharsets.UTF_8);
    // Qpid's default is "classpath:system.properties", a URL scheme its handler can only serve from
    // the system class loader: inside a Spring Boot fat jar that fails, so name an empty file.
    Path systemProperties = Files.writeString(workDirectory.resolve("system.properties"), "");

    Map<String, String> context = new HashMap<>();
    context.put("qpid.amqp_port", Integer.toString(port));
    context.put("qpid.work_dir", workDirectory.toString());
    context.put("qpid.home_dir", workDirectory.toString());
    // RabbitMQ-only queue arguments (x-dead-letter-exchange, x-queue-type, ...) are dropped
    // instead of failing the declaration, so one declaration serves both brokers.
    context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");

    Map<String, Object> attributes = new HashMap<>();
    attributes.put("type", "Memory");
    attributes.put("initialConfigurationLocation", config.toUri().toString());
    attributes.put("initialSystemPropertiesLocation", systemProperties.toUri().toString());
    attributes.put("startupLoggedToSystemOut", false);
    attributes.put("context", context);
    return attributes;
  }

  private static int boundPort(SystemConfig<?> system, int requested) {
    if (system == null) {
      return requested;
    }
    Broker<?> broker = system.getContainer(Broker.class);
    return broker.getPorts().stream()
        .filter(p -> "AMQP".equals(p.getName()))
        .mapToInt(Port::getBoundPort)
        .filter(p -> p > 0)
        .findFirst()
        .orElse(requested);
  }

  private static Path createWorkDirectory() {
    try {
      return Files.createTempDirectory("llmtwin-qpid-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory for the Qpid broker", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless; the broker itself is stopped
    }
  }

  /** Keeps the system configuration so the bound port can be read after start-up. */
  private record ContainerCapture(AtomicReference<SystemConfig<?>> system)
      implements SystemLauncherListener {
    @Override
    public void onContainerResolve(SystemConfig<?> systemConfig) {
      system.set(systemConfig);
    }

    @Override
    public void beforeStartup() {}

    @Override
    public void errorOnStartup(RuntimeException e) {}

    @Override
    public void afterStartup() {}

    @Override
    public void onContainerClose(SystemConfig<?> systemConfig) {}

    @Override
    public void onShutdown(int exitCode) {}

    @Override
    public void exceptionOnShutdown(Exception e) {}
  }
}
