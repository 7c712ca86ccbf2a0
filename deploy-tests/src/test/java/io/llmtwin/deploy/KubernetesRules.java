package io.llmtwin.deploy;

import static io.llmtwin.deploy.Manifests.asList;
import static io.llmtwin.deploy.Manifests.asMap;
import static io.llmtwin.deploy.Manifests.at;
import static io.llmtwin.deploy.Manifests.kind;
import static io.llmtwin.deploy.Manifests.mapAt;
import static io.llmtwin.deploy.Manifests.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The invariants every Kubernetes manifest of the project keeps: each container has probes (for
 * long-running workloads), resource requests and limits, runs as non-root with no privilege
 * escalation, all capabilities dropped and the runtime's seccomp profile; each image is pinned;
 * secrets arrive by {@code secretKeyRef}/{@code secretRef}, never as literal values. Kubernetes
 * documents embedded in ConfigMaps (the training Job template) are checked the same way.
 */
final class KubernetesRules {

  /** Env names whose literal values would be secrets. */
  static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(PASSWORD|PASSWD|API_KEY|APIKEY|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY).*");

  /** A URI carrying user:password before the host. */
  static final Pattern URI_WITH_CREDENTIALS =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s@:]+:[^/\\s@]+@");

  /**
   * The one image placeholder a Job template may carry: training-service fills in its own image.
   */
  static final String IMAGE_PLACEHOLDER = "${IMAGE}";

  private static final Set<String> LONG_RUNNING = Set.of("Deployment", "StatefulSet", "DaemonSet");

  private KubernetesRules() {}

  static List<Violation> check(String source, Map<String, Object> document) {
    return check(source, document, false);
  }

  private static List<Violation> check(
      String source, Map<String, Object> document, boolean template) {
    List<Violation> violations = new ArrayList<>();
    String where = source + " " + kind(document) + "/" + name(document);
    podSpec(document)
        .ifPresent(
            pod ->
                checkPod(where, LONG_RUNNING.contains(kind(document)), pod, template, violations));
    if (kind(document).equals("ConfigMap")) {
      checkConfigMap(where, document, violations);
    }
    return violations;
  }

  static Optional<Map<String, Object>> podSpec(Map<String, Object> document) {
    return switch (kind(document)) {
      case "Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet" ->
          at(document, "spec", "template", "spec").map(Manifests::asMap);
      case "CronJob" ->
          at(document, "spec", "jobTemplate", "spec", "template", "spec").map(Manifests::asMap);
      case "Pod" -> at(document, "spec").map(Manifests::asMap);
      default -> Optional.empty();
    };
  }

  private static void checkPod(
      String where,
      boolean longRunning,
      Map<String, Object> pod,
      boolean template,
      List<Violation> violations) {
    Map<String, Object> podSecurity = mapAt(pod, "securityContext");
    List<Object> containers = asList(pod.get("containers"));
    if (containers.isEmpty()) {
      violations.add(new Violation(where, "containers", "pod spec has no containers"));
    }
    List<Object> initContainers = asList(pod.get("initContainers"));
    List<Object> all = new ArrayList<>(containers);
    all.addAll(initContainers);
    for (int i = 0; i < all.size(); i++) {
      Map<String, Object> container = asMap(all.get(i));
      boolean init = i >= containers.size();
      String c = where + " container " + container.getOrDefault("name", "<unnamed>");
      checkImage(c, container, template, violations);
      checkResources(c, container, violations);
      checkSecurity(c, podSecurity, mapAt(container, "securityContext"), violations);
      checkEnv(c, container, violations);
      if (longRunning && !init) {
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
          if (!container.containsKey(probe)) {
            violations.add(new Violation(c, "probes", "no " + probe));
          }
        }
      }
    }
  }

  private static void checkImage(
      String c, Map<String, Object> container, boolean template, List<Violation> violations) {
    Object image = container.get("image");
    if (image == null || String.valueOf(image).isBlank()) {
      violations.add(new Violation(c, "image-pinned", "no image"));
      return;
    }
    String text = String.valueOf(image);
    if (template && text.equals(IMAGE_PLACEHOLDER)) {
      return;
    }
    if (!ImageReference.parse(text).pinned()) {
      violations.add(
          new Violation(c, "image-pinned", text + " has no explicit tag or digest (or is latest)"));
    }
  }

  private static void checkResources(
      String c, Map<String, Object> container, List<Violation> violations) {
    Map<String, Object> resources = mapAt(container, "resources");
    for (String bound : List.of("requests", "limits")) {
      Map<String, Object> values = mapAt(resources, bound);
      for (String resource : List.of("cpu", "memory")) {
        if (!values.containsKey(resource)) {
          violations.add(new Violation(c, "resources", "no " + bound + "." + resource));
        }
      }
    }
  }

  private static void checkSecurity(
      String c,
      Map<String, Object> pod,
      Map<String, Object> container,
      List<Violation> violations) {
    boolean nonRoot =
        Boolean.TRUE.equals(container.getOrDefault("runAsNonRoot", pod.get("runAsNonRoot")));
    Object user = container.getOrDefault("runAsUser", pod.get("runAsUser"));
    if (!nonRoot) {
      violations.add(new Violation(c, "non-root", "runAsNonRoot is not true"));
    }
    if (user != null && String.valueOf(user).equals("0")) {
      violations.add(new Violation(c, "non-root", "runAsUser is 0"));
    }
    if (!Boolean.FALSE.equals(container.get("allowPrivilegeEscalation"))) {
      violations.add(
          new Violation(c, "no-privilege-escalation", "allowPrivilegeEscalation is not false"));
    }
    if (Boolean.TRUE.equals(container.get("privileged"))) {
      violations.add(new Violation(c, "no-privilege-escalation", "privileged"));
    }
    List<Object> dropped = asList(at(container, "capabilities", "drop").orElse(null));
    if (!dropped.contains("ALL")) {
      violations.add(new Violation(c, "capabilities", "capabilities.drop does not hold ALL"));
    }
    if (!asList(at(container, "capabilities", "add").orElse(null)).isEmpty()) {
      violations.add(new Violation(c, "capabilities", "adds capabilities"));
    }
    Object seccomp =
        at(container, "seccompProfile", "type")
            .or(() -> at(pod, "seccompProfile", "type"))
            .orElse(null);
    if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
      violations.add(new Violation(c, "seccomp", "seccompProfile is not RuntimeDefault"));
    }
  }

  private static void checkEnv(
      String c, Map<String, Object> container, List<Violation> violations) {
    for (Object entry : asList(container.get("env"))) {
      Map<String, Object> env = asMap(entry);
      String name = String.valueOf(env.get("name"));
      Object value = env.get("value");
      if (value == null) {
        continue;
      }
      String text = String.valueOf(value);
      if (SECRET_NAME.matcher(name).matches() && !text.isEmpty()) {
        violations.add(
            new Violation(
                c, "secret-by-reference", name + " has a literal value: use secretKeyRef"));
      }
      if (URI_WITH_CREDENTIALS.matcher(text).find()) {
        violations.add(
            new Violation(
                c, "secret-by-reference", name + " is a URI with credentials: use secretKeyRef"));
      }
    }
  }

  private static void checkConfigMap(
      String where, Map<String, Object> document, List<Violation> violations) {
    for (Map.Entry<String, Object> entry : mapAt(document, "data").entrySet()) {
      String key = entry.getKey();
      String value = String.valueOf(entry.getValue());
      if (SECRET_NAME.matcher(key).matches() && !value.isEmpty()) {
        violations.add(
            new Violation(where, "secret-by-reference", key + " is a secret in a ConfigMap"));
      }
      if (URI_WITH_CREDENTIALS.matcher(value).find()) {
        violations.add(
            new Violation(where, "secret-by-reference", key + " holds a URI with credentials"));
      }
      if (key.endsWith(".yaml") || key.endsWith(".yml")) {
        for (Map<String, Object> embedded : Manifests.documents(value)) {
          violations.addAll(check(where + " [" + key + "]", embedded, true));
        }
      }
    }
  }
}
