package io.llmtwin.testsupport;

/**
 * The container images Testcontainers starts, pinned in this one place; keep them in step with the
 * compose file and the versions named in the docs.
 */
public final class TestImages {

  /** MongoDB, started as a single-node replica set so change streams work. */
  public static final String MONGODB = "mongo:8.0.13";

  /** RabbitMQ with the management plugin. */
  public static final String RABBITMQ = "rabbitmq:4.1.4-management";

  /** Qdrant; its gRPC API listens on 6334, REST on 6333. */
  public static final String QDRANT = "qdrant/qdrant:v1.15.4";

  private TestImages() {}
}
