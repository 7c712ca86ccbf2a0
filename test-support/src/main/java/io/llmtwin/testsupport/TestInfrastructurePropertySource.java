package io.llmtwin.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The Spring properties that point an application at {@link TestInfrastructure}; each value is
 * computed when first read, so only the servers a context actually uses are started.
 */
final class TestInfrastructurePropertySource
    extends EnumerablePropertySource<Map<String, Supplier<Object>>> {

  static final String NAME = "llmtwinTestInfrastructure";

  /** The database tests use when neither the URI nor {@code spring.mongodb.database} names one. */
  static final String DEFAULT_DATABASE = "llmtwin_test";

  TestInfrastructurePropertySource() {
    super(NAME, properties());
  }

  private static Map<String, Supplier<Object>> properties() {
    Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
    properties.put(
        "spring.mongodb.uri", () -> TestInfrastructure.mongo().uriWithDatabase(DEFAULT_DATABASE));
    // mongo-java-server has no `hello` command: Boot's Mongo health indicator would report DOWN
    properties.put(
        "management.health.mongodb.enabled",
        () -> TestInfrastructure.mongo().isStandIn() ? "false" : null);
    properties.put("spring.rabbitmq.host", () -> TestInfrastructure.rabbit().host());
    properties.put("spring.rabbitmq.port", () -> TestInfrastructure.rabbit().port());
    properties.put("spring.rabbitmq.username", () -> TestInfrastructure.rabbit().username());
    properties.put("spring.rabbitmq.password", () -> TestInfrastructure.rabbit().password());
    properties.put("spring.rabbitmq.virtual-host", () -> TestInfrastructure.rabbit().virtualHost());
    properties.put("llmtwin.qdrant.host", () -> TestInfrastructure.qdrant().host());
    properties.put("llmtwin.qdrant.port", () -> TestInfrastructure.qdrant().port());
    return properties;
  }

  @Override
  public String[] getPropertyNames() {
    return source.keySet().toArray(String[]::new);
  }

  @Override
  public Object getProperty(String name) {
    Supplier<Object> value = source.get(name);
    return value == null ? null : value.get();
  }

  @Override
  public boolean containsProperty(String name) {
    return source.containsKey(name);
  }
}
