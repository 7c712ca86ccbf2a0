package io.llmtwin.devstack.qdrant;

import org.junit.jupiter.api.AfterAll;

/** Runs the Qdrant API contract against {@link EmbeddedQdrant} (in memory). */
class QdrantApiContractIT extends QdrantApiContract {
  // started with the (per-class) test instance, before the contract's @BeforeAll connects
  private final EmbeddedQdrant qdrant = EmbeddedQdrant.builder().port(0).start();

  @AfterAll
  void stopServer() {
    qdrant.close();
  }

  @Override
  protected String host() {
    return qdrant.host();
  }

  @Override
  protected int grpcPort() {
    return qdrant.port();
  }
}
