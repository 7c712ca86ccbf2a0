package io.llmtwin.training.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.kubernetes}: the Job template of the kubernetes launcher.
 *
 * @param namespace namespace (default {@code default})
 * @param image image with this service's jar (default {@code llmtwin/training-service:latest})
 * @param gpus {@code nvidia.com/gpu} requested and limited (default 1)
 * @param nodeSelector node selector labels
 * @param tolerations tolerations
 * @param serviceAccount service account, may be empty
 * @param pollInterval how often the Job status is read (default 5 s)
 * @param env extra environment variables for the trainer container (e.g. MongoDB URI)
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
    Map<String, String> env) {

  /** Defaults. */
  public KubernetesProperties {
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    image = image == null || image.isBlank() ? "llmtwin/training-service:latest" : image;
    gpus = gpus <= 0 ? 1 : gpus;
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    serviceAccount = serviceAccount == null ? "" : serviceAccount;
    pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    env = env == null ? Map.of() : Map.copyOf(env);
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
