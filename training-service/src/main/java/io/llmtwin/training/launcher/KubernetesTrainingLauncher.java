package io.llmtwin.training.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
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
import io.llmtwin.training.launcher.JobTemplate.InvalidJobTemplateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a training job as a Kubernetes Job: the spec goes into a ConfigMap mounted at {@value
 * TrainerJob#SPEC_DIR}, the container (this service's image) runs the CLI entry point {@code
 * io.llmtwin.training.cli.TrainingCli --spec=… --job-id=…} with {@code nvidia.com/gpu} requested
 * and limited. The Job comes from the template file {@code
 * llmtwin.training.kubernetes.job-template} ({@link JobTemplate}) when set, else it is built in
 * code with node selector, tolerations and service account from configuration; both go through
 * {@link TrainerJob#complete}. With a base-models directory ({@code
 * llmtwin.training.base-models.directory}) the trainer reads base checkpoints from it: the Job
 * mounts it read-only (the template's own mount, else the claim {@code
 * llmtwin.training.kubernetes.base-models-claim}) and gets the setting as environment. The Job's
 * status is polled until it succeeds or fails; cancelling deletes Job and ConfigMap.
 */
public final class KubernetesTrainingLauncher implements TrainingLauncher {
  private static final Logger log = LoggerFactory.getLogger(KubernetesTrainingLauncher.class);

  private final KubernetesClient client;
  private final KubernetesProperties properties;
  private final JobTemplate template;
  private final Path baseModels;
  private final ObjectMapper json = new ObjectMapper();
  private volatile String ownImage;

  /**
   * Creates Jobs through {@code client}; a configured template is read and checked now.
   *
   * @param baseModels the base-models directory the trainer must see, or null for none
   * @throws IllegalStateException the template is missing or breaks the contract
   */
  public KubernetesTrainingLauncher(
      KubernetesClient client, KubernetesProperties properties, Path baseModels) {
    this.client = client;
    this.properties = properties;
    this.baseModels = baseModels;
    if (properties.jobTemplate().isEmpty()) {
      this.template = null;
      return;
    }
    this.template =
        new JobTemplate(Path.of(properties.jobTemplate()), client.getKubernetesSerialization());
    try {
      job("training-startup-check", "startup-check", "registry.invalid/startup-check:0");
    } catch (InvalidJobTemplateException e) {
      throw new IllegalStateException(invalid(e), e);
    }
    log.info("Kubernetes trainer Jobs come from the template {}", template.file());
  }

  private String invalid(InvalidJobTemplateException e) {
    return template == null
        ? "the Job built from llmtwin.training.kubernetes.* is invalid: " + e.getMessage()
        : "llmtwin.training.kubernetes.job-template "
            + template.file()
            + " cannot be used: "
            + e.getMessage();
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
    Job job;
    try {
      job = job(name, jobId, image());
    } catch (InvalidJobTemplateException e) {
      throw new FineTuningException(invalid(e), e);
    }
    client.configMaps().inNamespace(ns).resource(configMap(name, jobId, spec)).create();
    try {
      client.batch().v1().jobs().inNamespace(ns).resource(job).create();
    } catch (RuntimeException e) {
      client.configMaps().inNamespace(ns).withName(name).delete();
      throw new FineTuningException(
          "cannot create Kubernetes Job " + ns + "/" + name + ": " + e.getMessage(), e);
    }
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
          .addToLabels(TrainerJob.JOB_LABEL, jobId)
          .endMetadata()
          .addToData(TrainerJob.SPEC_FILE, json.writeValueAsString(spec))
          .build();
    } catch (JsonProcessingException e) {
      throw new FineTuningException("cannot encode the job spec: " + e.getMessage(), e);
    }
  }

  /** The image for the trainer: configured, else this pod's own, else the default. */
  String image() {
    if (!properties.image().isEmpty()) {
      return properties.image();
    }
    if (properties.podName().isEmpty()) {
      return KubernetesProperties.DEFAULT_IMAGE;
    }
    String image = ownImage;
    if (image == null) {
      Pod pod;
      try {
        pod =
            client.pods().inNamespace(properties.namespace()).withName(properties.podName()).get();
      } catch (RuntimeException e) {
        throw new FineTuningException(
            "cannot read pod " + properties.podName() + " for its image: " + e.getMessage(), e);
      }
      if (pod == null || pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()) {
        throw new FineTuningException(
            "pod "
                + properties.podName()
                + " (llmtwin.training.kubernetes.pod-name) not found in "
                + properties.namespace()
                + "; set llmtwin.training.kubernetes.image");
      }
      image = pod.getSpec().getContainers().get(0).getImage();
      ownImage = image;
    }
    return image;
  }

  /** The Job for training job {@code jobId}, from the template or built in code. */
  Job job(String name, String jobId, String image) {
    Job job =
        template == null
            ? inCode(image)
            : template.render(
                Map.of(
                    "JOB_NAME", name,
                    "JOB_ID", jobId,
                    "SPEC_CONFIG_MAP", name,
                    "IMAGE", image,
                    "NAMESPACE", properties.namespace()));
    TrainerJob.complete(job, name, jobId, properties.namespace(), image, properties.env());
    if (baseModels != null) {
      TrainerJob.baseModels(job, baseModels, properties.baseModelsClaim());
    }
    return job;
  }

  private Job inCode(String image) {
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
    Quantity gpus = new Quantity(String.valueOf(properties.gpus()));
    return new JobBuilder()
        .withNewMetadata()
        .addToLabels("app.kubernetes.io/name", "llmtwin-training")
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withNewTemplate()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(
            properties.serviceAccount().isEmpty() ? null : properties.serviceAccount())
        .withNodeSelector(
            properties.nodeSelector().isEmpty() ? null : Map.copyOf(properties.nodeSelector()))
        .withTolerations(tolerations)
        .addNewContainer()
        .withName(TrainerJob.CONTAINER)
        .withImage(image)
        .withNewResources()
        .addToRequests(TrainerJob.GPU, gpus)
        .addToLimits(TrainerJob.GPU, gpus)
        .endResources()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
