package io.llmtwin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each Dockerfile rule fires on a recipe that breaks it. */
class DockerfileRulesTest {

  private static final String GOOD =
      """
      ARG JRE_IMAGE=eclipse-temurin:17.0.16_8-jre-noble
      FROM eclipse-temurin:17.0.16_8-jdk-noble AS build
      RUN ./mvnw -B package \\
          -DskipTests
      FROM ${JRE_IMAGE} AS runtime
      ARG UID=10001
      USER ${UID}:${UID}
      HEALTHCHECK CMD ["/usr/local/bin/healthcheck"]
      ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
      FROM runtime
      """;

  private static List<String> rules(String dockerfile) {
    return DockerfileRules.check("Dockerfile", dockerfile).stream().map(Violation::rule).toList();
  }

  @Test
  void acceptsACompliantRecipe() {
    assertThat(rules(GOOD)).isEmpty();
  }

  @Test
  void rejectsUnpinnedBaseImages() {
    assertThat(rules(GOOD.replace("17.0.16_8-jre-noble", "latest")))
        .containsExactly("image-pinned");
    assertThat(rules(GOOD.replace("eclipse-temurin:17.0.16_8-jdk-noble", "eclipse-temurin")))
        .containsExactly("image-pinned");
  }

  @Test
  void rejectsRootAndMissingHealthcheck() {
    assertThat(rules(GOOD.replace("ARG UID=10001", "ARG UID=0"))).contains("non-root");
    assertThat(rules(GOOD.replace("USER ${UID}:${UID}\n", ""))).contains("non-root");
    assertThat(rules(GOOD + "USER root\n")).containsExactly("non-root");
    assertThat(rules(GOOD.replace("HEALTHCHECK CMD [\"/usr/local/bin/healthcheck\"]\n", "")))
        .contains("healthcheck");
  }
}
