package io.llmtwin.devstack.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Request validation with Qdrant's message shape (INVALID_ARGUMENT before any lookup). */
final class Validation {
  private Validation() {}

  static void positive(String field, long value) {
    if (value < 1) {
      throw invalid(field + ": value " + value + " invalid, must be 1 or larger");
    }
  }

  static void collectionName(String name) {
    if (name.isEmpty() || name.length() > 255) {
      throw invalid("collection_name: value length must be between 1 and 255");
    }
  }

  private static StatusRuntimeException invalid(String description) {
    return Status.INVALID_ARGUMENT
        .withDescription("Validation error in body: [" + description + "]")
        .asRuntimeException();
  }
}
