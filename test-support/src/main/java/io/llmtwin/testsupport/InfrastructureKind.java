package io.llmtwin.testsupport;

/** Where a test server came from, in the order {@link TestInfrastructure} tries them. */
public enum InfrastructureKind {
  /** A server named by an environment variable (e.g. the local RabbitMQ under CI). */
  ENV,
  /** A Testcontainers container of a pinned image (see {@link TestImages}). */
  CONTAINER,
  /** A devstack stand-in running inside the test JVM. */
  EMBEDDED
}
