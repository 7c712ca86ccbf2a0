package io.llmtwin.training.launcher;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.llmtwin.training.launcher.JobTemplate.InvalidJobTemplateException;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every trainer Job gets, whether built in code or from a template: the launcher owns the
 * name, the {@code llmtwin.io/training-job} label, the container's command and leading arguments
 * and the spec mount; the template (or the in-code builder) owns scheduling, resources, security
 * context, further env and volumes. The checks here are the template's contract (ADR 0100).
 */
final class TrainerJob {
  /** The only container of the pod. */
  static final String CONTAINER = "trainer";

  /** The spec ConfigMap is mounted here. */
  static final String SPEC_DIR = "/etc/llmtwin/job";

  static final String SPEC_FILE = "spec.json";
  static final String GPU = "nvidia.com/gpu";
  static final String CLI = "io.llmtwin.training.cli.TrainingCli";
  static final String JOB_LABEL = "llmtwin.io/training-job";

  /** The volume the launcher adds for the base-models claim when the Job mounts none. */
  static final String BASE_MODELS_VOLUME = "base-models";

  /** The trainer's {@code llmtwin.training.base-models.directory}. */
  static final String BASE_MODELS_ENV = "LLMTWIN_TRAINING_BASE_MODELS_DIRECTORY";

  /**
   * The image (docker/service.Dockerfile) holds the Spring Boot jar extracted with {@code
   * --launcher} into {@code /app}: loader classes, {@code BOOT-INF/classes}, {@code BOOT-INF/lib}.
   * {@code PropertiesLauncher} on that directory builds the same class path as the image's {@code
   * JarLauncher} entry point and starts {@code loader.main} instead of the {@code Start-Class}.
   */
  static final List<String> COMMAND =
      List.of(
          "java",
          "-cp",
          "/app",
          "-Dloader.main=" + CLI,
          "org.springframework.boot.loader.launch.PropertiesLauncher");

  private TrainerJob() {}

  /**
   * Checks {@code job} against the contract and fills in what the launcher owns.
   *
   * @param job the Job from the template or the in-code builder; changed in place
   * @param name the Job's (and spec ConfigMap's) name
   * @param jobId the training job id
   * @param namespace namespace
   * @param image image for a container that names none
   * @param env environment variables added when the container does not set them already
   * @return {@code job}
   * @throws InvalidJobTemplateException when the Job breaks the contract
   */
  static Job complete(
      Job job, String name, String jobId, String namespace, String image, Map<String, String> env) {
    ObjectMeta meta = job.getMetadata() == null ? new ObjectMeta() : job.getMetadata();
    if (meta.getNamespace() != null && !meta.getNamespace().equals(namespace)) {
      throw new InvalidJobTemplateException(
          "metadata.namespace is "
              + meta.getNamespace()
              + " but Jobs are created in "
              + namespace
              + " (leave it out or use ${NAMESPACE})");
    }
    meta.setName(name);
    meta.setNamespace(namespace);
    meta.setGenerateName(null);
    meta.setLabels(withJobLabel(meta.getLabels(), jobId));
    job.setMetadata(meta);
    if (job.getSpec() == null
        || job.getSpec().getTemplate() == null
        || job.getSpec().getTemplate().getSpec() == null) {
      throw new InvalidJobTemplateException("spec.template.spec is missing");
    }
    PodTemplateSpec template = job.getSpec().getTemplate();
    ObjectMeta podMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    podMeta.setLabels(withJobLabel(podMeta.getLabels(), jobId));
    template.setMetadata(podMeta);
    PodSpec pod = template.getSpec();
    if (pod.getRestartPolicy() == null) {
      pod.setRestartPolicy("Never");
    } else if (!List.of("Never", "OnFailure").contains(pod.getRestartPolicy())) {
      throw new InvalidJobTemplateException(
          "restartPolicy must be Never or OnFailure, found " + pod.getRestartPolicy());
    }
    List<Container> containers = pod.getContainers() == null ? List.of() : pod.getContainers();
    if (containers.size() != 1 || !CONTAINER.equals(containers.get(0).getName())) {
      throw new InvalidJobTemplateException(
          "the pod must have exactly one container, named "
              + CONTAINER
              + "; found "
              + containers.stream().map(Container::getName).toList());
    }
    Container trainer = containers.get(0);
    if (trainer.getImage() == null || trainer.getImage().isBlank()) {
      trainer.setImage(image);
    }
    command(trainer, jobId);
    gpus(trainer);
    specMount(pod, trainer, name);
    env(trainer, jobId, env);
    return job;
  }

  /**
   * Makes the trainer see the base models at {@code directory}, read-only. Every volume of the Job
   * that holds the claim {@code claim} must be read-only, and so must each of its mounts in every
   * container and init container; a mount the trainer already has at {@code directory} must be
   * read-only and one of those volumes. Without a mount there, the claim is added as volume {@value
   * #BASE_MODELS_VOLUME} and mounted there. The trainer gets {@value #BASE_MODELS_ENV} unless the
   * container sets it, which must then be a plain value naming the same directory.
   *
   * @param job a Job that passed {@link #complete}; changed in place
   * @throws InvalidJobTemplateException when the claim is writable anywhere, the directory is
   *     mounted writable or from another volume, the claim or the volume name is used without being
   *     mounted at the directory, or the env names another directory or takes it from elsewhere
   */
  static void baseModels(Job job, Path directory, String claim) {
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container trainer = pod.getContainers().get(0);
    List<VolumeMount> mounts =
        trainer.getVolumeMounts() == null ? new ArrayList<>() : trainer.getVolumeMounts();
    VolumeMount mount =
        mounts.stream()
            .filter(m -> directory.equals(path(m.getMountPath())))
            .findFirst()
            .orElse(null);
    if (mount != null && !Boolean.TRUE.equals(mount.getReadOnly())) {
      throw new InvalidJobTemplateException(
          "container "
              + CONTAINER
              + " must mount the base models at "
              + directory
              + " read-only (readOnly: true)");
    }
    List<Volume> volumes = pod.getVolumes() == null ? new ArrayList<>() : pod.getVolumes();
    List<String> claimVolumes = new ArrayList<>();
    for (Volume v : volumes) {
      if (v.getPersistentVolumeClaim() != null
          && claim.equals(v.getPersistentVolumeClaim().getClaimName())) {
        claimVolumes.add(v.getName());
        if (!Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly())) {
          throw new InvalidJobTemplateException(
              "volume "
                  + v.getName()
                  + " (claim "
                  + claim
                  + ") must be read-only (persistentVolumeClaim.readOnly: true)");
        }
      }
    }
    List<Container> all = new ArrayList<>(pod.getContainers());
    if (pod.getInitContainers() != null) {
      all.addAll(pod.getInitContainers());
    }
    for (Container c : all) {
      for (VolumeMount m :
          c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
        if (claimVolumes.contains(m.getName()) && !Boolean.TRUE.equals(m.getReadOnly())) {
          throw new InvalidJobTemplateException(
              "container "
                  + c.getName()
                  + " mounts volume "
                  + m.getName()
                  + " (claim "
                  + claim
                  + ") at "
                  + m.getMountPath()
                  + " writable; every mount of the base models must be read-only (readOnly: true)");
        }
      }
    }
    if (mount != null && !claimVolumes.contains(mount.getName())) {
      throw new InvalidJobTemplateException(
          "container "
              + CONTAINER
              + " mounts volume "
              + mount.getName()
              + " at "
              + directory
              + " (llmtwin.training.base-models.directory), which is not the base-models claim "
              + claim
              + " (llmtwin.training.kubernetes.base-models-claim)");
    }
    if (mount == null) {
      // the claim's volume belongs at the directory; the launcher's own volume name must be free
      List<String> taken = new ArrayList<>(claimVolumes);
      taken.add(BASE_MODELS_VOLUME);
      for (String name : taken) {
        if (volumes.stream().anyMatch(v -> name.equals(v.getName()))) {
          throw new InvalidJobTemplateException(
              "volume "
                  + name
                  + " is not mounted at "
                  + directory
                  + " (llmtwin.training.base-models.directory); mount it there read-only");
        }
      }
      volumes.add(
          new VolumeBuilder()
              .withName(BASE_MODELS_VOLUME)
              .withPersistentVolumeClaim(
                  new PersistentVolumeClaimVolumeSourceBuilder()
                      .withClaimName(claim)
                      .withReadOnly(true)
                      .build())
              .build());
      pod.setVolumes(volumes);
      mounts.add(
          new VolumeMountBuilder()
              .withName(BASE_MODELS_VOLUME)
              .withMountPath(directory.toString())
              .withReadOnly(true)
              .build());
      trainer.setVolumeMounts(mounts);
    }
    List<EnvVar> env = trainer.getEnv() == null ? new ArrayList<>() : trainer.getEnv();
    EnvVar set =
        env.stream().filter(e -> BASE_MODELS_ENV.equals(e.getName())).findFirst().orElse(null);
    if (set == null) {
      env.add(new EnvVar(BASE_MODELS_ENV, directory.toString(), null));
      trainer.setEnv(env);
    } else if (set.getValueFrom() != null) {
      throw new InvalidJobTemplateException(
          "container "
              + CONTAINER
              + " takes "
              + BASE_MODELS_ENV
              + " from valueFrom, which the launcher cannot compare with "
              + directory
              + "; leave it out (the launcher sets it) or give value: "
              + directory);
    } else if (!directory.equals(path(set.getValue()))) {
      throw new InvalidJobTemplateException(
          "container "
              + CONTAINER
              + " sets "
              + BASE_MODELS_ENV
              + " to "
              + set.getValue()
              + " but training-service checks base models against "
              + directory);
    }
  }

  private static Path path(String text) {
    try {
      return text == null ? null : Path.of(text).normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static Map<String, String> withJobLabel(Map<String, String> labels, String jobId) {
    Map<String, String> out = labels == null ? new HashMap<>() : new HashMap<>(labels);
    out.put(JOB_LABEL, jobId);
    return out;
  }

  private static void command(Container trainer, String jobId) {
    if (trainer.getCommand() != null
        && !trainer.getCommand().isEmpty()
        && !trainer.getCommand().equals(COMMAND)) {
      throw new InvalidJobTemplateException(
          "container "
              + CONTAINER
              + " sets command "
              + trainer.getCommand()
              + "; leave it out, the launcher runs the trainer CLI");
    }
    List<String> extra = trainer.getArgs() == null ? List.of() : trainer.getArgs();
    for (String arg : extra) {
      if (arg.startsWith("--spec=") || arg.startsWith("--job-id=")) {
        throw new InvalidJobTemplateException(
            "container " + CONTAINER + " args must not set " + arg + "; the launcher does");
      }
    }
    List<String> args = new ArrayList<>();
    args.add("--spec=" + SPEC_DIR + "/" + SPEC_FILE);
    args.add("--job-id=" + jobId);
    args.addAll(extra);
    trainer.setCommand(COMMAND);
    trainer.setArgs(args);
  }

  private static void gpus(Container trainer) {
    ResourceRequirements resources = trainer.getResources();
    Quantity limit =
        resources == null || resources.getLimits() == null ? null : resources.getLimits().get(GPU);
    if (limit == null || positive(limit) == null) {
      throw new InvalidJobTemplateException(
          "container "
              + CONTAINER
              + " must limit "
              + GPU
              + " to a whole number of at least 1 (resources.limits)");
    }
    Map<String, Quantity> requests =
        resources.getRequests() == null ? new HashMap<>() : new HashMap<>(resources.getRequests());
    Quantity request = requests.get(GPU);
    if (request != null && !positive(limit).equals(positive(request))) {
      throw new InvalidJobTemplateException(
          "container "
              + CONTAINER
              + " requests "
              + request
              + " "
              + GPU
              + " but limits "
              + limit
              + "; they must be equal");
    }
    requests.put(GPU, limit);
    resources.setRequests(requests);
  }

  private static BigDecimal positive(Quantity q) {
    try {
      BigDecimal n = q.getNumericalAmount();
      return n.signum() > 0 && n.stripTrailingZeros().scale() <= 0 ? n.stripTrailingZeros() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void specMount(PodSpec pod, Container trainer, String configMap) {
    List<Volume> volumes = pod.getVolumes() == null ? new ArrayList<>() : pod.getVolumes();
    Volume spec =
        volumes.stream()
            .filter(v -> v.getConfigMap() != null && configMap.equals(v.getConfigMap().getName()))
            .findFirst()
            .orElse(null);
    if (spec == null) {
      if (volumes.stream().anyMatch(v -> "spec".equals(v.getName()))) {
        throw new InvalidJobTemplateException(
            "volume spec must be the ConfigMap ${SPEC_CONFIG_MAP}");
      }
      spec =
          new VolumeBuilder()
              .withName("spec")
              .withConfigMap(new ConfigMapVolumeSourceBuilder().withName(configMap).build())
              .build();
      volumes.add(spec);
      pod.setVolumes(volumes);
    }
    List<VolumeMount> mounts =
        trainer.getVolumeMounts() == null ? new ArrayList<>() : trainer.getVolumeMounts();
    VolumeMount mount =
        mounts.stream().filter(m -> SPEC_DIR.equals(m.getMountPath())).findFirst().orElse(null);
    if (mount == null) {
      mounts.add(
          new VolumeMountBuilder()
              .withName(spec.getName())
              .withMountPath(SPEC_DIR)
              .withReadOnly(true)
              .build());
      trainer.setVolumeMounts(mounts);
    } else if (!spec.getName().equals(mount.getName()) || mount.getSubPath() != null) {
      throw new InvalidJobTemplateException(
          SPEC_DIR
              + " must mount the whole ConfigMap ${SPEC_CONFIG_MAP} (volume "
              + spec.getName()
              + "), found volume "
              + mount.getName());
    }
  }

  private static void env(Container trainer, String jobId, Map<String, String> extra) {
    List<EnvVar> env = trainer.getEnv() == null ? new ArrayList<>() : trainer.getEnv();
    Map<String, String> add = new java.util.LinkedHashMap<>();
    add.put("LLMTWIN_TRAINING_JOB_ID", jobId);
    new java.util.TreeMap<>(extra).forEach(add::putIfAbsent);
    add.forEach(
        (k, v) -> {
          if (env.stream().noneMatch(e -> k.equals(e.getName()))) {
            env.add(new EnvVar(k, v, null));
          }
        });
    trainer.setEnv(env);
  }
}
