package io.llmtwin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each compose rule fires on a file that breaks it. */
class ComposeRulesTest {

  private static final String GOOD =
      """
      services:
        db:
          image: mongo:8.0.13
          ports: ["127.0.0.1:27017:27017"]
          healthcheck: { test: ["CMD", "true"] }
        init:
          image: mongo:8.0.13
          restart: "no"
          depends_on:
            db: { condition: service_healthy }
        app:
          build: { context: ., dockerfile: docker/service.Dockerfile }
          image: llmtwin/app:${LLMTWIN_VERSION:-0.1.0}
          environment:
            SPRING_RABBITMQ_PASSWORD: ${RABBITMQ_DEFAULT_PASS:?required}
            SPRING_MONGODB_URI: mongodb://db:27017/llmtwin
          healthcheck: { test: ["CMD", "/usr/local/bin/healthcheck"] }
          depends_on:
            init: { condition: service_completed_successfully }
      """;

  private static List<String> rules(String yaml) {
    return ComposeRules.check("compose", Manifests.documents(yaml).get(0)).stream()
        .map(Violation::rule)
        .toList();
  }

  @Test
  void acceptsACompliantFile() {
    assertThat(rules(GOOD)).isEmpty();
  }

  @Test
  void rejectsUnpinnedImages() {
    assertThat(rules(GOOD.replaceFirst("mongo:8.0.13", "mongo:latest")))
        .containsExactly("image-pinned");
    assertThat(rules(GOOD.replaceFirst("mongo:8.0.13", "mongo"))).containsExactly("image-pinned");
  }

  @Test
  void rejectsALongRunningServiceWithoutHealthcheck() {
    assertThat(rules(GOOD.replace("    healthcheck: { test: [\"CMD\", \"true\"] }\n", "")))
        .containsExactly("healthcheck");
  }

  @Test
  void rejectsDependenciesWithoutConditions() {
    assertThat(rules(GOOD.replace("db: { condition: service_healthy }", "db: {}")))
        .containsExactly("depends-on-condition");
    assertThat(
            rules(
                GOOD.replace(
                    "depends_on:\n      db: { condition: service_healthy }", "depends_on: [db]")))
        .containsExactly("depends-on-condition");
  }

  @Test
  void rejectsPortsPublishedOnEveryInterface() {
    assertThat(rules(GOOD.replace("127.0.0.1:27017:27017", "27017:27017")))
        .containsExactly("ports-localhost");
  }

  @Test
  void rejectsLiteralSecrets() {
    assertThat(rules(GOOD.replace("${RABBITMQ_DEFAULT_PASS:?required}", "guest")))
        .containsExactly("secret-by-reference");
    assertThat(rules(GOOD.replace("mongodb://db:27017", "mongodb://root:pw@db:27017")))
        .containsExactly("secret-by-reference");
  }
}
