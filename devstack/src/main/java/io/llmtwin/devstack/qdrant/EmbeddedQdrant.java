package io.llmtwin.devstack.qdrant;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process server speaking Qdrant's gRPC API (the subset this project uses, with exact
 * brute-force search), for tests and local runs where no Qdrant binary is available. See {@code
 * docs/adr/0010-qdrant-api-server.md} for what is supported and how it differs from Qdrant.
 *
 * <p>Usage: {@code try (var q = EmbeddedQdrant.builder().port(0).dataDirectory(dir).start()) {
 * q.host(); q.port(); }}
 */
public final class EmbeddedQdrant implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedQdrant.class);
  private static final String HOST = "127.0.0.1";
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final Server server;
  private final CollectionPersistence persistence;

  private EmbeddedQdrant(Server server, CollectionPersistence persistence) {
    this.server = server;
    this.persistence = persistence;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address the server listens on (loopback only). */
  public String host() {
    return HOST;
  }

  /** The gRPC port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** Stops the server and writes every pending snapshot. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      persistence.close();
    }
  }

  /** Configures an {@link EmbeddedQdrant}. */
  public static final class Builder {
    private int port;
    private Path dataDirectory;

    /** 0 picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Where collections are persisted as snapshot files; null keeps everything in memory. */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /** Loads the snapshots (if any) and starts listening. */
    public EmbeddedQdrant start() {
      CollectionPersistence persistence;
      CollectionRegistry registry;
      if (dataDirectory == null) {
        persistence = CollectionPersistence.NONE;
        registry = new CollectionRegistry(persistence);
      } else {
        SnapshotStore store = new SnapshotStore(dataDirectory);
        persistence = store;
        registry = new CollectionRegistry(persistence);
        registry.restore(store.load());
      }
      Server server =
          NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port))
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .addService(new HealthService())
              .addService(new CollectionsService(registry))
              .addService(new PointsService(registry))
              .build();
      try {
        server.start();
      } catch (IOException e) {
        persistence.close();
        throw new UncheckedIOException("Cannot start EmbeddedQdrant on port " + port, e);
      }
      log.info(
          "EmbeddedQdrant listening on {}:{} ({})",
          HOST,
          server.getPort(),
          dataDirectory == null ? "in memory" : "data in " + dataDirectory);
      return new EmbeddedQdrant(server, persistence);
    }
  }
}
