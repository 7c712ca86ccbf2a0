package io.llmtwin.training.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.llmtwin.training.job.FineTuningCancelledException;
import io.llmtwin.training.job.FineTuningException;
import io.llmtwin.training.job.ProgressListener;
import io.llmtwin.training.job.TrainingJobSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a training job as a Kubernetes Job: the spec goes into a ConfigMap mounted at {@value
 * #SPEC_DIR}, the container (this service's image) runs the CLI entry point {@code
 * io.llmtwin.training.cli.TrainingCli --spec=… --job-id=…} with {@code nvidia.com/gpu} requested
 * and limited, node selector and tolerations from configuration. The Job's status is polled until
 * it succeeds or fails; cancelling deletes Job and ConfigMap.
 */
public final class KubernetesTrainingLauncher implements TrainingLauncher {
  private static final Logger log = LoggerFactory.getLogger(KubernetesTrainingLauncher.class);
  static final String SPEC_DIR = "/etc/llmtwin/job";
  static final String SPEC_FILE = "spec.json";
  static final String GPU = "nvidia.com/gpu";
  static final String CLI = "io.llmtwin.training.cli.TrainingCli";

  private final KubernetesClient client;
  private final KubernetesProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  /** Creates Jobs through {@code client}. */
  public KubernetesTrainingLauncher(KubernetesClient client, KubernetesProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public Integer launch(
      String jobId,
      TrainingJobSpec spec,
      Path resumeFrom,
      ProgressListener listener,
      BooleanSupplier cancelled) {
    String name = "training-" + jobId.toLowerCase(java.util.Locale.ROOT);
    String ns = properties.namespace();
    client.configMaps().inNamespace(ns).resource(configMap(name, jobId, spec)).create();
    client.batch().v1().jobs().inNamespace(ns).resource(job(name, jobId)).create();
    log.info("created Kubernetes Job {}/{} for training job {}", ns, name, jobId);
    String last = "";
    while (true) {
      if (cancelled.getAsBoolean()) {
        delete(name);
        throw new FineTuningCancelledException(jobId);
      }
      Job current = client.batch().v1().jobs().inNamespace(ns).withName(name).get();
      if (current == null) {
        throw new FineTuningException("Kubernetes Job " + name + " disappeared");
      }
      String phase = phase(current.getStatus());
      if (!phase.equals(last)) {
        log.info("Kubernetes Job {} is {}", name, phase);
        last = phase;
      }
      if (phase.equals("Succeeded")) {
        client.configMaps().inNamespace(ns).withName(name).delete();
        return null;
      }
      if (phase.equals("Failed")) {
        throw new FineTuningException(
            "Kubernetes Job " + name + " failed: " + failure(current.getStatus()));
      }
      try {
        Thread.sleep(properties.pollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FineTuningException("interrupted while following Kubernetes Job " + name, e);
      }
    }
  }

  /** {@code Pending}, {@code Running}, {@code Succeeded} or {@code Failed}. */
  static String phase(JobStatus status) {
    if (status == null) {
      return "Pending";
    }
    if (status.getConditions() != null) {
      for (JobCondition c : status.getConditions()) {
        if ("True".equals(c.getStatus()) && ("Complete".equals(c.getType()))) {
          return "Succeeded";
        }
        if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
          return "Failed";
        }
      }
    }
    if (status.getSucceeded() != null && status.getSucceeded() > 0) {
      return "Succeeded";
    }
    if (status.getFailed() != null && status.getFailed() > 0) {
      return "Failed";
    }
    if (status.getActive() != null && status.getActive() > 0) {
      return "Running";
    }
    return "Pending";
  }

  private static String failure(JobStatus status) {
    if (status.getConditions() != null) {
      for (JobCondition c : status.getConditions()) {
        if ("Failed".equals(c.getType()) && c.getMessage() != null) {
          return c.getMessage();
        }
      }
    }
    return "the trainer pod failed";
  }

  private void delete(String name) {
    client.batch().v1().jobs().inNamespace(properties.namespace()).withName(name).delete();
    client.configMaps().inNamespace(properties.namespace()).withName(name).delete();
  }

  private ConfigMap configMap(String name, String jobId, TrainingJobSpec spec) {
    try {
      return new ConfigMapBuilder()
          .withNewMetadata()
          .withName(name)
          .addToLabels("app.kubernetes.io/name", "llmtwin-training")
          .addToLabels("llmtwin.io/training-job", jobId)
          .endMetadata()
          .addToData(SPEC_FILE, json.writeValueAsString(spec))
          .build();
    } catch (JsonProcessingException e) {
      throw new FineTuningException("cannot encode the job spec: " + e.getMessage(), e);
    }
  }

  Job job(String name, String jobId) {
    List<Toleration> tolerations = new ArrayList<>();
    for (KubernetesProperties.Toleration t : properties.tolerations()) {
      tolerations.add(
          new TolerationBuilder()
              .withKey(t.key())
              .withOperator(t.operator())
              .withValue(t.value())
              .withEffect(t.effect())
              .build());
    }
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("LLMTWIN_TRAINING_JOB_ID", jobId, null));
    properties.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    Quantity gpus = new Quantity(String.valueOf(properties.gpus()));
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app.kubernetes.io/name", "llmtwin-training")
        .addToLabels("llmtwin.io/training-job", jobId)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("llmtwin.io/training-job", jobId)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(
            properties.serviceAccount().isEmpty() ? null : properties.serviceAccount())
        .withNodeSelector(
            properties.nodeSelector().isEmpty() ? null : Map.copyOf(properties.nodeSelector()))
        .withTolerations(tolerations)
        .addNewContainer()
        .withName("trainer")
        .withImage(properties.image())
        .withCommand(
            "java",
            "-Dloader.main=" + CLI,
            "-cp",
            "/app/app.jar",
            "org.springframework.boot.loader.launch.PropertiesLauncher")
        .withArgs("--spec=" + SPEC_DIR + "/" + SPEC_FILE, "--job-id=" + jobId)
        .withEnv(env)
        .withNewResources()
        .addToRequests(GPU, gpus)
        .addToLimits(GPU, gpus)
        .endResources()
        .addNewVolumeMount()
        .withName("spec")
        .withMountPath(SPEC_DIR)
        .withReadOnly(true)
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("spec")
        .withNewConfigMap()
        .withName(name)
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
