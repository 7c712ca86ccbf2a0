package io.llmtwin.devstack.qdrant;

import java.nio.file.Path;

/**
 * An in-process server speaking Qdrant's gRPC API (placeholder: the implementation lands with the
 * Qdrant API server work).
 *
 * <p>Usage: {@code try (var q = EmbeddedQdrant.builder().port(0).dataDirectory(dir).start()) {
 * q.host(); q.port(); }}
 */
public final class EmbeddedQdrant implements AutoCloseable {
  private final int port;

  private EmbeddedQdrant(int port) {
    this.port = port;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String host() {
    return "127.0.0.1";
  }

  /** The gRPC port the server listens on. */
  public int port() {
    return port;
  }

  @Override
  public void close() {}

  /** Configures an {@link EmbeddedQdrant}. */
  public static final class Builder {
    private int port;
    private Path dataDirectory;

    /** 0 picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Where collections are persisted as snapshot files; null keeps everything in memory. */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    public EmbeddedQdrant start() {
      throw new UnsupportedOperationException("EmbeddedQdrant is not implemented yet");
    }
  }
}
