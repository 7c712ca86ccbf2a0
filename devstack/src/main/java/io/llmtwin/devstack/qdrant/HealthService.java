package io.llmtwin.devstack.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;

/** Answers the health check the Java client sends when it connects. */
final class HealthService extends QdrantGrpc.QdrantImplBase {
  /** The Qdrant version whose behaviour this stand-in follows. */
  static final String COMPATIBLE_VERSION = "1.15.4";

  @Override
  public void healthCheck(
      HealthCheckRequest request, StreamObserver<HealthCheckReply> responseObserver) {
    Unary.respond(
        responseObserver,
        () ->
            HealthCheckReply.newBuilder()
                .setTitle("qdrant - vector search engine (EmbeddedQdrant stand-in)")
                .setVersion(COMPATIBLE_VERSION)
                .build());
  }
}
