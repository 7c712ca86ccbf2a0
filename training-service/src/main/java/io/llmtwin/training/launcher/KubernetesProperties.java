package io.llmtwin.training.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.kubernetes}: the Job of the kubernetes launcher.
 *
 * @param namespace namespace (default {@code default})
 * @param image image with this service's classes; empty (default): the image of this service's own
 *     pod ({@code pod-name}), else {@value #DEFAULT_IMAGE}
 * @param gpus {@code nvidia.com/gpu} requested and limited (default 1; in-code Job only)
 * @param nodeSelector node selector labels (in-code Job only)
 * @param tolerations tolerations (in-code Job only)
 * @param serviceAccount service account, may be empty (in-code Job only)
 * @param pollInterval how often the Job status is read (default 5 s)
 * @param env extra environment variables for the trainer container (e.g. MongoDB URI)
 * @param jobTemplate path of a YAML {@code batch/v1} Job template ({@link JobTemplate}); empty
 *     (default): the Job is built in code from the properties above
 * @param podName name of this service's own pod (downward API), used to find the image when {@code
 *     image} is empty; may be empty
 * @param baseModelsClaim the PersistentVolumeClaim holding the base models (default {@value
 *     #DEFAULT_BASE_MODELS_CLAIM}), mounted read-only at {@code
 *     llmtwin.training.base-models.directory} when that is set and the Job (from the template or in
 *     code) mounts nothing there
 */
@ConfigurationProperties("llmtwin.training.kubernetes")
public record KubernetesProperties(
    String namespace,
    String image,
    int gpus,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    String serviceAccount,
    Duration pollInterval,
    Map<String, String> env,
    String jobTemplate,
    String podName,
    String baseModelsClaim) {

  /** The image when neither {@code image} nor {@code pod-name} is set. */
  public static final String DEFAULT_IMAGE = "llmtwin/training-service:latest";

  /** The claim k8s/base/base-models.yaml declares. */
  public static final String DEFAULT_BASE_MODELS_CLAIM = "llmtwin-base-models";

  /** Defaults. */
  public KubernetesProperties {
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    image = image == null ? "" : image.strip();
    gpus = gpus <= 0 ? 1 : gpus;
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    serviceAccount = serviceAccount == null ? "" : serviceAccount;
    pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    env = env == null ? Map.of() : Map.copyOf(env);
    jobTemplate = jobTemplate == null ? "" : jobTemplate.strip();
    podName = podName == null ? "" : podName.strip();
    baseModelsClaim =
        baseModelsClaim == null || baseModelsClaim.isBlank()
            ? DEFAULT_BASE_MODELS_CLAIM
            : baseModelsClaim.strip();
  }

  /**
   * A node taint the trainer tolerates.
   *
   * @param key taint key, e.g. {@code nvidia.com/gpu}
   * @param operator {@code Exists} or {@code Equal}
   * @param value value for {@code Equal}
   * @param effect e.g. {@code NoSchedule}
   */
  public record Toleration(String key, String operator, String value, String effect) {}
}
