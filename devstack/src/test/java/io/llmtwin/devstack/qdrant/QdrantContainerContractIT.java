package io.llmtwin.devstack.qdrant;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs the very same Qdrant API contract against a real Qdrant container, proving the stand-in's
 * assertions hold for Qdrant itself. Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class QdrantContainerContractIT extends QdrantApiContract {
  /** The one place the real Qdrant version is pinned. */
  static final DockerImageName QDRANT_IMAGE = DockerImageName.parse("qdrant/qdrant:v1.15.4");

  private static final int GRPC_PORT = 6334;

  @Container
  static final GenericContainer<?> QDRANT =
      new GenericContainer<>(QDRANT_IMAGE)
          .withExposedPorts(6333, GRPC_PORT)
          .waitingFor(Wait.forHttp("/readyz").forPort(6333));

  @Override
  protected String host() {
    return QDRANT.getHost();
  }

  @Override
  protected int grpcPort() {
    return QDRANT.getMappedPort(GRPC_PORT);
  }
}
