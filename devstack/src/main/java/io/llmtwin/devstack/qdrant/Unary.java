package io.llmtwin.devstack.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Completes a unary call with a result or with the gRPC status of the failure. */
final class Unary {
  private static final Logger log = LoggerFactory.getLogger(Unary.class);

  private Unary() {}

  static <T> void respond(StreamObserver<T> observer, Supplier<T> body) {
    T result;
    try {
      result = body.get();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    } catch (RuntimeException e) {
      log.warn("EmbeddedQdrant request failed", e);
      observer.onError(
          Status.INTERNAL
              .withDescription("Service internal error: " + e.getMessage())
              .withCause(e)
              .asRuntimeException());
      return;
    }
    observer.onNext(result);
    observer.onCompleted();
  }

  /** Seconds since {@code startNanos}, for the {@code time} field of responses. */
  static double elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
