package io.llmtwin.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants of a multi-stage Dockerfile: every base image (directly or through an {@code ARG}
 * default) is pinned; the final stages that run something switch to a non-root {@code USER} and
 * declare a {@code HEALTHCHECK}.
 */
final class DockerfileRules {

  private static final Pattern ARG =
      Pattern.compile("^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\\S+))?");
  private static final Pattern FROM =
      Pattern.compile(
          "^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern VARIABLE = Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?$");

  private DockerfileRules() {}

  static List<Violation> check(String source, String dockerfile) {
    List<Violation> violations = new ArrayList<>();
    Map<String, String> globalArgs = new HashMap<>();
    Map<String, Stage> stages = new HashMap<>();
    List<Stage> all = new ArrayList<>();
    Stage current = null;
    for (String raw : joinContinuations(dockerfile)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher arg = ARG.matcher(line);
      if (current == null && arg.find()) {
        globalArgs.put(arg.group(1), arg.group(2));
        continue;
      }
      Matcher from = FROM.matcher(line);
      if (from.find()) {
        String base = resolve(from.group(1), globalArgs);
        String where = source + " FROM " + from.group(1);
        if (base == null) {
          violations.add(new Violation(where, "image-pinned", "ARG has no default image"));
        } else if (!stages.containsKey(base) && !ImageReference.parse(base).pinned()) {
          violations.add(new Violation(where, "image-pinned", base + " is not pinned"));
        }
        current = new Stage(from.group(2) == null ? "<final>" : from.group(2));
        Stage parent = base == null ? null : stages.get(base);
        if (parent != null) {
          current.user = parent.user;
          current.healthcheck = parent.healthcheck;
          current.runnable = parent.runnable;
        }
        all.add(current);
        if (from.group(2) != null) {
          stages.put(from.group(2), current);
        }
        continue;
      }
      if (current == null) {
        continue;
      }
      if (arg.find()) {
        current.args.put(arg.group(1), arg.group(2));
        continue;
      }
      String upper = line.toUpperCase(java.util.Locale.ROOT);
      if (upper.startsWith("USER ")) {
        String user = line.substring(5).strip().split(":")[0];
        current.user = VARIABLE.matcher(user).matches() ? resolve(user, current.args) : user;
      } else if (upper.startsWith("HEALTHCHECK ")) {
        current.healthcheck = !upper.contains("NONE");
      } else if (upper.startsWith("ENTRYPOINT ") || upper.startsWith("CMD ")) {
        current.runnable = true;
      }
    }
    List<Stage> runnable = all.stream().filter(stage -> stage.runnable).toList();
    if (runnable.isEmpty()) {
      violations.add(new Violation(source, "entrypoint", "no stage has an ENTRYPOINT or CMD"));
    }
    for (Stage stage : runnable) {
      String where = source + " stage " + stage.name;
      if (stage.user == null || stage.user.equals("root") || stage.user.equals("0")) {
        violations.add(new Violation(where, "non-root", "runs as root (no non-root USER)"));
      }
      if (!stage.healthcheck) {
        violations.add(new Violation(where, "healthcheck", "no HEALTHCHECK"));
      }
    }
    return violations;
  }

  private static String resolve(String image, Map<String, String> args) {
    Matcher variable = VARIABLE.matcher(image);
    return variable.matches() ? args.get(variable.group(1)) : image;
  }

  private static List<String> joinContinuations(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
      } else {
        lines.add(current.append(line).toString());
        current.setLength(0);
      }
    }
    if (current.length() > 0) {
      lines.add(current.toString());
    }
    return lines;
  }

  /** One build stage; a stage built FROM another inherits its user, healthcheck and entrypoint. */
  private static final class Stage {
    final String name;
    final Map<String, String> args = new HashMap<>();
    String user;
    boolean healthcheck;
    boolean runnable;

    Stage(String name) {
      this.name = name;
    }
  }
}
