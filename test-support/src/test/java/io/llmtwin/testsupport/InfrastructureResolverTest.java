package io.llmtwin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InfrastructureResolverTest {

  private final Map<String, String> env = new HashMap<>();
  private final List<String> calls = new ArrayList<>();

  private InfrastructureResolver resolver(boolean docker) {
    BooleanSupplier dockerCheck =
        () -> {
          calls.add("docker?");
          return docker;
        };
    return new InfrastructureResolver(env::get, dockerCheck);
  }

  private String resolve(InfrastructureResolver resolver) {
    return resolver.resolve(
        "LLMTWIN_TEST_RABBITMQ_URI",
        uri -> {
          calls.add("env");
          return "env:" + uri;
        },
        () -> {
          calls.add("container");
          return "container";
        },
        () -> {
          calls.add("embedded");
          return "embedded";
        });
  }

  @Test
  void environmentVariableWinsWithoutAskingDockerOrStartingAnything() {
    env.put("LLMTWIN_TEST_RABBITMQ_URI", " amqp://guest:guest@127.0.0.1:5672 ");
    assertThat(resolve(resolver(true))).isEqualTo("env:amqp://guest:guest@127.0.0.1:5672");
    assertThat(calls).containsExactly("env");
  }

  @Test
  void containerWhenNoVariableAndDockerAnswers() {
    assertThat(resolve(resolver(true))).isEqualTo("container");
    assertThat(calls).containsExactly("docker?", "container");
  }

  @Test
  void embeddedStandInWhenNoVariableAndNoDocker() {
    assertThat(resolve(resolver(false))).isEqualTo("embedded");
    assertThat(calls).containsExactly("docker?", "embedded");
  }

  @Test
  void blankVariableCountsAsUnset() {
    env.put("LLMTWIN_TEST_RABBITMQ_URI", "  ");
    assertThat(resolve(resolver(false))).isEqualTo("embedded");
  }

  @Test
  void dockerCanBeSwitchedOffToUseTheStandInsDirectly() {
    env.put(InfrastructureResolver.DOCKER_VARIABLE, "false");
    assertThat(resolve(resolver(true))).isEqualTo("embedded");
    assertThat(calls).containsExactly("embedded");
  }
}
