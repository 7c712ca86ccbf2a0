package io.llmtwin.training.launcher;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code batch/v1} Job template file ({@code llmtwin.training.kubernetes.job-template}), read
 * afresh for every launch so that an edited ConfigMap applies without a restart. Placeholders
 * {@code ${NAME}} are replaced as text before the YAML is parsed:
 *
 * <ul>
 *   <li>{@code ${JOB_NAME}}: the Job's name, {@code training-<job id in lower case>} (a DNS label;
 *       the launcher sets {@code metadata.name} to it in any case)
 *   <li>{@code ${JOB_ID}}: the training job id as the REST API shows it
 *   <li>{@code ${SPEC_CONFIG_MAP}}: the per-job ConfigMap holding {@code spec.json} (same name as
 *       the Job)
 *   <li>{@code ${IMAGE}}: the trainer image ({@code llmtwin.training.kubernetes.image}, else this
 *       service's own image)
 *   <li>{@code ${NAMESPACE}}: {@code llmtwin.training.kubernetes.namespace}
 * </ul>
 *
 * Any other {@code ${…}} is an error. What the launcher then checks and fills in is {@link
 * TrainerJob#complete}.
 */
final class JobTemplate {
  static final List<String> PLACEHOLDERS =
      List.of("JOB_NAME", "JOB_ID", "SPEC_CONFIG_MAP", "IMAGE", "NAMESPACE");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]*)}");
  private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9._:/@+-]+");

  private final Path file;
  private final KubernetesSerialization serialization;

  JobTemplate(Path file, KubernetesSerialization serialization) {
    this.file = file;
    this.serialization = serialization;
  }

  Path file() {
    return file;
  }

  /**
   * Reads the file, substitutes {@code values} (keys from {@link #PLACEHOLDERS}) and parses the
   * Job.
   *
   * @throws InvalidJobTemplateException the file is unreadable, has an unknown placeholder or is
   *     not a Job
   */
  Job render(Map<String, String> values) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidJobTemplateException("cannot read " + file + ": " + e);
    }
    Object parsed;
    try {
      parsed = serialization.unmarshal(substitute(text, values));
    } catch (InvalidJobTemplateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidJobTemplateException("not valid Kubernetes YAML: " + e.getMessage());
    }
    if (!(parsed instanceof Job job)) {
      throw new InvalidJobTemplateException(
          "must hold one batch/v1 Job, found "
              + (parsed == null ? "nothing" : parsed.getClass().getSimpleName()));
    }
    if (!"batch/v1".equals(job.getApiVersion())) {
      throw new InvalidJobTemplateException(
          "apiVersion must be batch/v1, found " + job.getApiVersion());
    }
    return job;
  }

  /** Replaces the known placeholders; an unknown one is an error. */
  static String substitute(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = PLACEHOLDERS.contains(name) ? values.get(name) : null;
      if (value == null) {
        throw new InvalidJobTemplateException(
            "unknown placeholder ${"
                + name
                + "} (known: ${"
                + String.join("}, ${", PLACEHOLDERS)
                + "})");
      }
      if (!SAFE_VALUE.matcher(value).matches()) {
        throw new InvalidJobTemplateException(
            "value of ${" + name + "} is not a plain name: " + value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A template the launcher cannot use; the message says why. */
  static final class InvalidJobTemplateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidJobTemplateException(String message) {
      super(message);
    }
  }
}
