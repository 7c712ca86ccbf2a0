package io.llmtwin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule fires on a manifest that breaks it, and stays quiet on one that keeps it. */
class KubernetesRulesTest {

  private static final String GOOD =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: demo }
      spec:
        template:
          spec:
            securityContext:
              runAsNonRoot: true
              runAsUser: 10001
              seccompProfile: { type: RuntimeDefault }
            containers:
              - name: app
                image: ghcr.io/llm-twin/demo:1.2.3
                env:
                  - name: SPRING_RABBITMQ_PASSWORD
                    valueFrom: { secretKeyRef: { name: s, key: rabbitmq-password } }
                  - name: SPRING_RABBITMQ_PORT
                    value: "5672"
                resources:
                  requests: { cpu: 100m, memory: 128Mi }
                  limits: { cpu: "1", memory: 256Mi }
                livenessProbe: { httpGet: { path: /actuator/health/liveness, port: 8080 } }
                readinessProbe: { httpGet: { path: /actuator/health/readiness, port: 8080 } }
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities: { drop: ["ALL"] }
      """;

  private static List<Violation> check(String yaml) {
    return KubernetesRules.check("test.yaml", Manifests.documents(yaml).get(0));
  }

  private static List<String> rules(String yaml) {
    return check(yaml).stream().map(Violation::rule).toList();
  }

  @Test
  void acceptsACompliantDeployment() {
    assertThat(check(GOOD)).isEmpty();
  }

  @Test
  void rejectsLatestAndUntaggedImages() {
    assertThat(rules(GOOD.replace("demo:1.2.3", "demo:latest"))).containsExactly("image-pinned");
    assertThat(rules(GOOD.replace("demo:1.2.3", "demo"))).containsExactly("image-pinned");
    assertThat(rules(GOOD.replace("ghcr.io/llm-twin/demo:1.2.3", "localhost:5000/demo")))
        .containsExactly("image-pinned");
    assertThat(check(GOOD.replace("demo:1.2.3", "demo@sha256:abc"))).isEmpty();
  }

  @Test
  void rejectsAContainerWithoutProbes() {
    String noProbes =
        GOOD.replace(
                "          livenessProbe: { httpGet: { path: /actuator/health/liveness, port: 8080 } }\n",
                "")
            .replace(
                "          readinessProbe: { httpGet: { path: /actuator/health/readiness, port: 8080 } }\n",
                "");
    assertThat(check(noProbes))
        .extracting(Violation::detail)
        .containsExactly("no livenessProbe", "no readinessProbe");
  }

  @Test
  void jobsNeedNoProbesButEverythingElse() {
    String job =
        GOOD.replace("apps/v1", "batch/v1")
            .replace("kind: Deployment", "kind: Job")
            .replace(
                "          livenessProbe: { httpGet: { path: /actuator/health/liveness, port: 8080 } }\n",
                "");
    assertThat(check(job)).isEmpty();
    assertThat(rules(job.replace("limits: { cpu: \"1\", memory: 256Mi }", "limits: {}")))
        .containsExactly("resources", "resources");
  }

  @Test
  void rejectsMissingResources() {
    assertThat(
            check(
                GOOD.replace("requests: { cpu: 100m, memory: 128Mi }", "requests: { cpu: 100m }")))
        .extracting(Violation::detail)
        .containsExactly("no requests.memory");
  }

  @Test
  void rejectsRootAndPrivilegeEscalation() {
    assertThat(rules(GOOD.replace("runAsNonRoot: true", "runAsNonRoot: false")))
        .containsExactly("non-root");
    assertThat(rules(GOOD.replace("runAsUser: 10001", "runAsUser: 0"))).containsExactly("non-root");
    assertThat(
            rules(
                GOOD.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")))
        .containsExactly("no-privilege-escalation");
    assertThat(rules(GOOD.replace("drop: [\"ALL\"]", "drop: [\"NET_RAW\"]")))
        .containsExactly("capabilities");
    assertThat(rules(GOOD.replace("type: RuntimeDefault", "type: Unconfined")))
        .containsExactly("seccomp");
  }

  @Test
  void rejectsLiteralSecretsAndCredentialsInUris() {
    String literalPassword =
        GOOD.replace(
            "valueFrom: { secretKeyRef: { name: s, key: rabbitmq-password } }", "value: hunter2");
    assertThat(check(literalPassword))
        .extracting(Violation::rule, Violation::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "secret-by-reference",
                "SPRING_RABBITMQ_PASSWORD has a literal value: use secretKeyRef"));

    String literalUri =
        GOOD.replace(
            "- name: SPRING_RABBITMQ_PORT\n              value: \"5672\"",
            "- name: SPRING_MONGODB_URI\n              value: mongodb://admin:s3cret@mongo:27017/db");
    assertThat(rules(literalUri)).containsExactly("secret-by-reference");

    String uriWithoutCredentials = literalUri.replace("admin:s3cret@", "");
    assertThat(check(uriWithoutCredentials)).isEmpty();
  }

  @Test
  void checksKubernetesDocumentsEmbeddedInConfigMaps() {
    String embedded =
        GOOD.replace("demo:1.2.3", "demo:latest")
            .replace("runAsNonRoot: true", "runAsNonRoot: false")
            .indent(4);
    String configMap =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: t }\ndata:\n  job.yaml: |\n" + embedded;
    assertThat(rules(configMap)).containsExactlyInAnyOrder("image-pinned", "non-root");
  }

  @Test
  void jobTemplatesMayLeaveTheWholeImageToTheLauncher() {
    String template = GOOD.replace("ghcr.io/llm-twin/demo:1.2.3", "\"${IMAGE}\"").indent(4);
    String configMap =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: t }\ndata:\n  job.yaml: |\n" + template;
    assertThat(check(configMap)).isEmpty();
    assertThat(rules(GOOD.replace("ghcr.io/llm-twin/demo:1.2.3", "\"${IMAGE}\"")))
        .as("outside a template the placeholder is not an image")
        .containsExactly("image-pinned");
  }

  @Test
  void rejectsSecretsInConfigMaps() {
    String configMap =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n"
            + "  LLMTWIN_QDRANT_API_KEY: abc\n"
            + "  SPRING_MONGODB_URI: mongodb://u:p@mongo/db\n";
    assertThat(rules(configMap)).containsExactly("secret-by-reference", "secret-by-reference");
  }
}
