package io.llmtwin.devstack.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A MongoDB wire-protocol server running in this JVM (mongo-java-server) with the oplog enabled, so
 * collection-level change streams work through the official driver.
 *
 * <p>Two flavours: {@link #inMemory()} keeps everything in memory (tests); {@link
 * #persistent(Path)} stores databases, collections and the oplog in one H2 MVStore file that
 * survives restarts (local runs).
 *
 * <pre>{@code
 * try (EmbeddedMongo mongo = EmbeddedMongo.inMemory().port(0).start()) {
 *   MongoClient client = MongoClients.create(mongo.connectionString());
 * }
 * }</pre>
 *
 * <p>Limits (see docs/adr/0020-embedded-stand-ins.md): no {@code hello} command, no transactions or
 * sessions, only collection-level {@code watch()}, and the connection string must not carry {@code
 * replicaSet=}.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server;
  private final MongoBackend backend;
  private final InetSocketAddress address;
  private final Path file;

  private EmbeddedMongo(
      MongoServer server, MongoBackend backend, InetSocketAddress address, Path file) {
    this.server = server;
    this.backend = backend;
    this.address = address;
    this.file = file;
  }

  /** A server whose data lives in memory only and is gone after {@link #close()}. */
  public static Builder inMemory() {
    return new Builder(null);
  }

  /**
   * A server that keeps its data (including the oplog, so change streams can resume) in the given
   * H2 MVStore file; the parent directory is created when missing.
   */
  public static Builder persistent(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  /** The address clients should use, e.g. {@code 127.0.0.1}. */
  public String host() {
    return address.getHostString();
  }

  /** The port the server listens on (the real one when 0 was requested). */
  public int port() {
    return address.getPort();
  }

  /**
   * A connection string for the official drivers, {@code mongodb://host:port}. It deliberately
   * carries no {@code replicaSet=} option: the driver would then drop this server as standalone.
   */
  public String connectionString() {
    return "mongodb://" + host() + ":" + port();
  }

  /** The H2 file holding the data, empty for an in-memory server. */
  public Optional<Path> dataFile() {
    return Optional.ofNullable(file);
  }

  /** Stops listening, closes open cursors and, for a persistent server, flushes the file. */
  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }

  @Override
  public String toString() {
    return "EmbeddedMongo["
        + connectionString()
        + (file == null ? ", in memory" : ", " + file)
        + "]";
  }

  /** Configures and starts an {@link EmbeddedMongo}. */
  public static final class Builder {
    private final Path file;
    private String host = "127.0.0.1";
    private int port;

    private Builder(Path file) {
      this.file = file;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** The address to bind to; defaults to the loopback address {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Opens the backend, enables the oplog and binds the port.
     *
     * @throws UncheckedIOException when the data file's directory cannot be created
     */
    public EmbeddedMongo start() {
      MongoBackend backend = file == null ? new MemoryBackend() : openFile(file);
      MongoServer server = new MongoServer(backend);
      server.enableOplog();
      try {
        server.bind(host, port);
      } catch (RuntimeException e) {
        backend.close();
        throw e;
      }
      return new EmbeddedMongo(server, backend, server.getLocalAddress(), file);
    }

    private static MongoBackend openFile(Path file) {
      Path absolute = file.toAbsolutePath();
      try {
        Files.createDirectories(absolute.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create directory for " + absolute, e);
      }
      return new H2Backend(absolute.toString());
    }
  }
}
