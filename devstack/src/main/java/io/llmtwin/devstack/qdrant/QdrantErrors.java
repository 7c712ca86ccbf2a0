package io.llmtwin.devstack.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** gRPC errors with the status codes and message shapes real Qdrant uses. */
final class QdrantErrors {
  private QdrantErrors() {}

  static StatusRuntimeException collectionNotFound(String name) {
    return Status.NOT_FOUND
        .withDescription("Not found: Collection `" + name + "` doesn't exist!")
        .asRuntimeException();
  }

  static StatusRuntimeException collectionExists(String name) {
    return Status.ALREADY_EXISTS
        .withDescription("Wrong input: Collection `" + name + "` already exists!")
        .asRuntimeException();
  }

  /** Qdrant's {@code BadInput}: mapped to INVALID_ARGUMENT. */
  static StatusRuntimeException badInput(String description) {
    return Status.INVALID_ARGUMENT
        .withDescription("Wrong input: " + description)
        .asRuntimeException();
  }

  /** Qdrant's {@code BadRequest}: also mapped to INVALID_ARGUMENT. */
  static StatusRuntimeException badRequest(String description) {
    return Status.INVALID_ARGUMENT
        .withDescription("Bad request: " + description)
        .asRuntimeException();
  }

  /** INVALID_ARGUMENT without the "Wrong input" prefix (request conversion errors). */
  static StatusRuntimeException badInputPlain(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
  }

  static StatusRuntimeException wrongDimension(int expected, int received) {
    return badInput("Vector dimension error: expected dim: " + expected + ", got " + received);
  }

  static StatusRuntimeException unknownVectorName(String name) {
    return badInput("Not existing vector name error: " + name);
  }

  /** A feature of Qdrant's API that this stand-in does not implement. */
  static StatusRuntimeException unsupported(String what) {
    return Status.UNIMPLEMENTED
        .withDescription(what + " is not supported by EmbeddedQdrant")
        .asRuntimeException();
  }
}
