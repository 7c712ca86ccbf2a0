package io.llmtwin.cli.api;

/** The four services, with their default ports and jar locations in the repository. */
public enum Service {
  CRAWLER("crawler-service", 8081),
  FEATURE("feature-service", 8082),
  TRAINING("training-service", 8083),
  INFERENCE("inference-service", 8084);

  private final String module;
  private final int defaultPort;

  Service(String module, int defaultPort) {
    this.module = module;
    this.defaultPort = defaultPort;
  }

  /** The Maven module and application name, e.g. {@code crawler-service}. */
  public String module() {
    return module;
  }

  /** The port in {@code application.properties}. */
  public int defaultPort() {
    return defaultPort;
  }
}
