package io.llmtwin.deploy;

import static io.llmtwin.deploy.Manifests.asMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The invariants of docker-compose.yml: every service has a pinned image or is built here; every
 * long-running service has a healthcheck (one-shot steps, {@code restart: "no"}, are exempt);
 * depends_on waits on conditions; published ports bind to the loopback interface only; secrets come
 * from the environment ({@code ${VAR}}), never as literals.
 */
final class ComposeRules {

  private static final Pattern INTERPOLATION = Pattern.compile("^\\$\\{[A-Za-z_][A-Za-z0-9_]*.*}$");

  private ComposeRules() {}

  static List<Violation> check(String source, Map<String, Object> compose) {
    List<Violation> violations = new ArrayList<>();
    Map<String, Object> services = Manifests.mapAt(compose, "services");
    if (services.isEmpty()) {
      violations.add(new Violation(source, "services", "no services"));
    }
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      String where = source + " service " + entry.getKey();
      Map<String, Object> service = asMap(entry.getValue());
      checkImage(where, service, violations);
      boolean oneShot = "no".equals(String.valueOf(service.get("restart")));
      if (!oneShot && !service.containsKey("healthcheck")) {
        violations.add(new Violation(where, "healthcheck", "no healthcheck"));
      }
      Object dependsOn = service.get("depends_on");
      if (dependsOn instanceof List<?>) {
        violations.add(
            new Violation(
                where, "depends-on-condition", "depends_on is a list: name a condition for each"));
      }
      for (Map.Entry<String, Object> dependency : asMap(dependsOn).entrySet()) {
        if (!asMap(dependency.getValue()).containsKey("condition")) {
          violations.add(
              new Violation(
                  where, "depends-on-condition", dependency.getKey() + " has no condition"));
        }
      }
      checkEnvironment(where, service.get("environment"), violations);
      for (Object port : Manifests.asList(service.get("ports"))) {
        String text = String.valueOf(port);
        if (!text.startsWith("127.0.0.1:") && !text.startsWith("[::1]:")) {
          violations.add(
              new Violation(where, "ports-localhost", text + " is published on every interface"));
        }
      }
    }
    return violations;
  }

  private static void checkImage(
      String where, Map<String, Object> service, List<Violation> violations) {
    boolean built = service.containsKey("build");
    Object image = service.get("image");
    if (image == null) {
      if (!built) {
        violations.add(new Violation(where, "image-pinned", "neither image nor build"));
      }
      return;
    }
    String text = String.valueOf(image);
    if (built && text.contains("${")) {
      return; // tagged with the project's version from .env
    }
    if (!ImageReference.parse(text).pinned()) {
      violations.add(
          new Violation(
              where, "image-pinned", text + " has no explicit tag or digest (or is latest)"));
    }
  }

  private static void checkEnvironment(
      String where, Object environment, List<Violation> violations) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    if (environment instanceof List<?> list) {
      for (Object item : list) {
        String text = String.valueOf(item);
        int eq = text.indexOf('=');
        if (eq > 0) {
          variables.put(text.substring(0, eq), text.substring(eq + 1));
        }
      }
    } else {
      variables.putAll(asMap(environment));
    }
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      String value = variable.getValue() == null ? "" : String.valueOf(variable.getValue());
      if (value.isEmpty() || INTERPOLATION.matcher(value).matches()) {
        continue;
      }
      if (KubernetesRules.SECRET_NAME.matcher(variable.getKey()).matches()) {
        violations.add(
            new Violation(
                where,
                "secret-by-reference",
                variable.getKey() + " has a literal value: take it from .env as ${...}"));
      }
      if (KubernetesRules.URI_WITH_CREDENTIALS.matcher(value).find()) {
        violations.add(
            new Violation(
                where, "secret-by-reference", variable.getKey() + " is a URI with credentials"));
      }
    }
  }
}
