package io.llmtwin.testsupport;

import java.util.function.Supplier;

/** A value computed once on first use; a failed attempt is retried on the next call. */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> factory;
  private T value;

  Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  @Override
  public synchronized T get() {
    if (value == null) {
      value = factory.get();
    }
    return value;
  }

  /** Whether the value has been computed. */
  synchronized boolean isResolved() {
    return value != null;
  }
}
