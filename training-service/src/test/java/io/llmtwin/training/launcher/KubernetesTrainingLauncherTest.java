package io.llmtwin.training.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.llmtwin.training.job.FineTuningCancelledException;
import io.llmtwin.training.job.FineTuningException;
import io.llmtwin.training.job.Hyperparameters;
import io.llmtwin.training.job.TrainingJobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The kubernetes launcher against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesTrainingLauncherTest {
  static KubernetesClient client;

  static final String NS = "training";

  KubernetesTrainingLauncher launcher() {
    return launcher(null);
  }

  KubernetesTrainingLauncher launcher(Path baseModels) {
    return new KubernetesTrainingLauncher(
        client,
        new KubernetesProperties(
            NS,
            "registry.example/llmtwin/training-service:1.0",
            2,
            Map.of("accelerator", "nvidia-h100"),
            List.of(
                new KubernetesProperties.Toleration(
                    "nvidia.com/gpu", "Exists", null, "NoSchedule")),
            "trainer",
            Duration.ofMillis(50),
            Map.of("SPRING_MONGODB_URI", "mongodb://mongo:27017/llmtwin"),
            null,
            null,
            null),
        baseModels);
  }

  static TrainingJobSpec spec() {
    return new TrainingJobSpec(
        "author-1",
        "ds-0123456789abcdef",
        null,
        "/models/llama",
        "qlora",
        new Hyperparameters(1e-4, 1, 4, 10, 8, 16, 256, 1L),
        "twin-author-1");
  }

  CompletableFuture<Integer> launch(String jobId, AtomicBoolean cancelled) {
    return launch(launcher(), jobId, cancelled);
  }

  static CompletableFuture<Integer> launch(
      KubernetesTrainingLauncher launcher, String jobId, AtomicBoolean cancelled) {
    return CompletableFuture.supplyAsync(
        () -> launcher.launch(jobId, spec(), null, p -> {}, cancelled::get));
  }

  Job awaitJob(String name) {
    await().atMost(Duration.ofSeconds(60)).until(() -> job(name) != null);
    return job(name);
  }

  Job job(String name) {
    return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
  }

  void status(String name, JobStatusBuilder status) {
    Job job = job(name);
    job.setStatus(status.build());
    client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
  }

  void succeed(String name) {
    status(
        name,
        new JobStatusBuilder()
            .withSucceeded(1)
            .withConditions(
                new JobConditionBuilder().withType("Complete").withStatus("True").build()));
  }

  @Test
  void createsAGpuJobWithTheSpecAndFollowsItToSuccess() throws Exception {
    CompletableFuture<Integer> result = launch("job-ok", new AtomicBoolean());
    Job job = awaitJob("training-job-ok");

    var pod = job.getSpec().getTemplate().getSpec();
    Container trainer = pod.getContainers().get(0);
    assertThat(trainer.getImage()).isEqualTo("registry.example/llmtwin/training-service:1.0");
    assertThat(trainer.getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(trainer.getResources().getRequests())
        .containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(trainer.getArgs()).contains("--spec=/etc/llmtwin/job/spec.json", "--job-id=job-ok");
    assertThat(String.join(" ", trainer.getCommand()))
        .contains("io.llmtwin.training.cli.TrainingCli");
    assertThat(trainer.getEnv()).anyMatch(e -> e.getName().equals("SPRING_MONGODB_URI"));
    assertThat(pod.getNodeSelector()).containsEntry("accelerator", "nvidia-h100");
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
              assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getServiceAccountName()).isEqualTo("trainer");
    ConfigMap spec = client.configMaps().inNamespace(NS).withName("training-job-ok").get();
    assertThat(spec.getData().get("spec.json"))
        .contains("\"datasetVersion\":\"ds-0123456789abcdef\"", "\"method\":\"qlora\"");

    status("training-job-ok", new JobStatusBuilder().withActive(1));
    assertThat(result).isNotDone();
    succeed("training-job-ok");
    assertThat(result.get(10, TimeUnit.SECONDS)).isNull();
  }

  /** The trainer mounts the claim llmtwin-base-models read-only at {@code directory}, and knows. */
  static void assertMountsBaseModelsReadOnly(PodSpec pod, String directory) {
    Container trainer = pod.getContainers().get(0);
    VolumeMount mount =
        trainer.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals(directory))
            .findFirst()
            .orElseThrow();
    assertThat(mount.getReadOnly()).isTrue();
    Volume volume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("llmtwin-base-models");
    assertThat(volume.getPersistentVolumeClaim().getReadOnly()).isTrue();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).hasSize(1);
    assertThat(trainer.getEnv())
        .contains(new EnvVar("LLMTWIN_TRAINING_BASE_MODELS_DIRECTORY", directory, null));
  }

  @Test
  void withABaseModelsDirectoryTheJobMountsTheClaimReadOnlyThere() throws Exception {
    CompletableFuture<Integer> result =
        launch(launcher(Path.of("/models")), "job-models", new AtomicBoolean());
    Job job = awaitJob("training-job-models");

    assertMountsBaseModelsReadOnly(job.getSpec().getTemplate().getSpec(), "/models");

    succeed("training-job-models");
    assertThat(result.get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void withoutABaseModelsDirectoryTheJobMountsNoBaseModels() throws Exception {
    CompletableFuture<Integer> result = launch("job-nomodels", new AtomicBoolean());
    Job job = awaitJob("training-job-nomodels");
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).noneMatch(v -> v.getPersistentVolumeClaim() != null);
    assertThat(pod.getContainers().get(0).getEnv())
        .noneMatch(e -> e.getName().equals("LLMTWIN_TRAINING_BASE_MODELS_DIRECTORY"));
    succeed("training-job-nomodels");
    assertThat(result.get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void reportsAFailedJobWithItsReason() {
    CompletableFuture<Integer> result = launch("job-bad", new AtomicBoolean());
    awaitJob("training-job-bad");
    status(
        "training-job-bad",
        new JobStatusBuilder()
            .withFailed(1)
            .withConditions(
                new JobConditionBuilder()
                    .withType("Failed")
                    .withStatus("True")
                    .withMessage("BackoffLimitExceeded")
                    .build()));
    await().atMost(Duration.ofSeconds(10)).until(result::isDone);
    assertThat(result).isCompletedExceptionally();
    assertThat(result.handle((v, e) -> e.getCause()).join())
        .isInstanceOf(FineTuningException.class)
        .hasMessageContaining("BackoffLimitExceeded");
  }

  @Test
  void cancellingDeletesTheJob() {
    AtomicBoolean cancelled = new AtomicBoolean();
    CompletableFuture<Integer> result = launch("job-stop", cancelled);
    awaitJob("training-job-stop");
    cancelled.set(true);
    await().atMost(Duration.ofSeconds(10)).until(result::isDone);
    assertThat(result.handle((v, e) -> e.getCause()).join())
        .isInstanceOf(FineTuningCancelledException.class);
    assertThat(job("training-job-stop")).isNull();
  }
}
