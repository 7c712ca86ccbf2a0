package io.llmtwin.testsupport;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Picks a server in a fixed order: the environment variable naming it, else a container when Docker
 * answers (and {@value #DOCKER_VARIABLE} is not {@code false}), else the embedded stand-in.
 */
final class InfrastructureResolver {

  /** Set to {@code false} to skip Testcontainers even when Docker is available. */
  static final String DOCKER_VARIABLE = "LLMTWIN_TEST_DOCKER";

  private final Function<String, String> environment;
  private final BooleanSupplier dockerAvailable;

  /**
   * @param environment looks up a variable; null or blank means unset
   * @param dockerAvailable asked only when no variable names the server
   */
  InfrastructureResolver(Function<String, String> environment, BooleanSupplier dockerAvailable) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.dockerAvailable = Objects.requireNonNull(dockerAvailable, "dockerAvailable");
  }

  /**
   * Resolves one server; only the chosen supplier is called.
   *
   * @param variable environment variable that may name the server
   * @param fromVariable turns the variable's value into an endpoint
   * @param container starts a container
   * @param embedded starts the stand-in
   */
  <T> T resolve(
      String variable,
      Function<String, T> fromVariable,
      Supplier<T> container,
      Supplier<T> embedded) {
    String value = environment.apply(variable);
    if (value != null && !value.isBlank()) {
      return fromVariable.apply(value.trim());
    }
    if (containersAllowed() && dockerAvailable.getAsBoolean()) {
      return container.get();
    }
    return embedded.get();
  }

  private boolean containersAllowed() {
    String value = environment.apply(DOCKER_VARIABLE);
    return value == null || !value.trim().equalsIgnoreCase("false");
  }
}
