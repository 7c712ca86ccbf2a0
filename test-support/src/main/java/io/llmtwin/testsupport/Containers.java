package io.llmtwin.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/** Starts the pinned images of {@link TestImages}, stopped when the JVM exits. */
final class Containers {

  private static final int QDRANT_GRPC_PORT = 6334;
  private static final int QDRANT_REST_PORT = 6333;

  private Containers() {}

  /** Whether a Docker engine answers (about 0.3 s when none does). */
  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static MongoEndpoint mongo() {
    MongoDBContainer container = new MongoDBContainer(TestImages.MONGODB).withReplicaSet();
    container.start();
    ShutdownHook.closeAtExit(container::stop);
    return new MongoEndpoint(container.getConnectionString(), InfrastructureKind.CONTAINER);
  }

  static RabbitEndpoint rabbit() {
    RabbitMQContainer container = new RabbitMQContainer(TestImages.RABBITMQ);
    container.start();
    ShutdownHook.closeAtExit(container::stop);
    return new RabbitEndpoint(
        container.getHost(),
        container.getAmqpPort(),
        container.getAdminUsername(),
        container.getAdminPassword(),
        "/",
        InfrastructureKind.CONTAINER);
  }

  static QdrantEndpoint qdrant() {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(TestImages.QDRANT))
            .withExposedPorts(QDRANT_GRPC_PORT, QDRANT_REST_PORT)
            .waitingFor(Wait.forHttp("/readyz").forPort(QDRANT_REST_PORT));
    container.start();
    ShutdownHook.closeAtExit(container::stop);
    return new QdrantEndpoint(
        container.getHost(),
        container.getMappedPort(QDRANT_GRPC_PORT),
        InfrastructureKind.CONTAINER);
  }
}
