package io.llmtwin.training.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.llmtwin.training.job.FineTuningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kubernetes launcher with the Job template the deployment mounts ({@code
 * k8s/base/training-job-template.yaml}), against fabric8's mock API server in CRUD mode.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobTemplateTest {
  static KubernetesClient client;

  static final String NS = "llm-twin";
  static final String IMAGE = "ghcr.io/llm-twin/training-service:0.1.0";

  @TempDir Path dir;

  /** The job-template.yaml key of the deployed ConfigMap, as the repository holds it. */
  static String deployedTemplate() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("k8s/base/training-job-template.yaml"))) {
      here = here.getParent();
    }
    assertThat(here).as("repository root above the working directory").isNotNull();
    ConfigMap configMap =
        client
            .getKubernetesSerialization()
            .unmarshal(
                Files.readString(here.resolve("k8s/base/training-job-template.yaml")),
                ConfigMap.class);
    assertThat(configMap.getMetadata().getName()).isEqualTo("training-job-template");
    return configMap.getData().get("job-template.yaml");
  }

  Path write(String template) throws IOException {
    return Files.writeString(dir.resolve("job-template.yaml"), template);
  }

  KubernetesTrainingLauncher launcher(Path template, String image, String podName) {
    return new KubernetesTrainingLauncher(
        client,
        new KubernetesProperties(
            NS,
            image,
            0,
            null,
            null,
            null,
            Duration.ofMillis(50),
            Map.of("LLMTWIN_EXTRA", "from-properties"),
            template.toString(),
            podName,
            null),
        Path.of("/models"));
  }

  static CompletableFuture<Integer> launch(KubernetesTrainingLauncher launcher, String jobId) {
    return CompletableFuture.supplyAsync(
        () ->
            launcher.launch(
                jobId, KubernetesTrainingLauncherTest.spec(), null, p -> {}, () -> false));
  }

  static Job awaitJob(String name) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> client.batch().v1().jobs().inNamespace(NS).withName(name).get() != null);
    return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
  }

  static void complete(String name) {
    Job job = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    job.setStatus(
        new JobStatusBuilder()
            .withSucceeded(1)
            .withConditions(
                new JobConditionBuilder().withType("Complete").withStatus("True").build())
            .build());
    client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
  }

  @Test
  void theDeployedTemplateBecomesAGpuJobRunningTheTrainerOnTheSpec() throws Exception {
    CompletableFuture<Integer> result =
        launch(launcher(write(deployedTemplate()), IMAGE, null), "job-0123abcd");
    Job job = awaitJob("training-job-0123abcd");

    assertThat(client.getKubernetesSerialization().asYaml(job)).doesNotContain("${");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("llmtwin.io/training-job", "job-0123abcd");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container trainer = pod.getContainers().get(0);
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(trainer.getName()).isEqualTo("trainer");
    assertThat(trainer.getImage()).isEqualTo(IMAGE);
    assertThat(trainer.getResources().getRequests())
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(trainer.getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(trainer.getCommand())
        .containsExactly(
            "java",
            "-cp",
            "/app",
            "-Dloader.main=io.llmtwin.training.cli.TrainingCli",
            "org.springframework.boot.loader.launch.PropertiesLauncher");
    assertThat(trainer.getArgs())
        .startsWith("--spec=/etc/llmtwin/job/spec.json", "--job-id=job-0123abcd");
    VolumeMount specMount =
        trainer.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/etc/llmtwin/job"))
            .findFirst()
            .orElseThrow();
    Volume specVolume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(specMount.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(specVolume.getConfigMap().getName()).isEqualTo("training-job-0123abcd");
    ConfigMap spec = client.configMaps().inNamespace(NS).withName("training-job-0123abcd").get();
    assertThat(spec.getData().get("spec.json")).contains("\"method\":\"qlora\"");

    // the base models: the template's read-only mount of the claim at the configured directory
    KubernetesTrainingLauncherTest.assertMountsBaseModelsReadOnly(pod, "/models");

    // what the template keeps: scheduling, security, secrets by reference
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
    assertThat(pod.getTolerations()).anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()));
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(trainer.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(trainer.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("SPRING_MONGODB_URI");
              assertThat(e.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo("llmtwin-connections");
            })
        .extracting(EnvVar::getName)
        .contains("LLMTWIN_TRAINING_JOB_ID", "LLMTWIN_EXTRA");

    complete("training-job-0123abcd");
    assertThat(result.get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void withoutAnImageTheJobRunsTheImageOfTheServicePod() throws Exception {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("training-service-7d9f")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("training-service")
                .withImage(IMAGE + "-abc1234")
                .endContainer()
                .endSpec()
                .build())
        .create();
    CompletableFuture<Integer> result =
        launch(launcher(write(deployedTemplate()), null, "training-service-7d9f"), "job-own");
    Job job = awaitJob("training-job-own");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(IMAGE + "-abc1234");
    complete("training-job-own");
    assertThat(result.get(10, TimeUnit.SECONDS)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "container renamed|- name: trainer|- name: train|exactly one container, named trainer",
        "no GPU limit|limits: { cpu: \"8\", memory: 48Gi, nvidia.com/gpu: 1 }|limits: { cpu: \"8\" }"
            + "|must limit nvidia.com/gpu",
        "GPU request differs|requests: { cpu: \"4\", memory: 24Gi, nvidia.com/gpu: 1 }"
            + "|requests: { nvidia.com/gpu: 2 }|they must be equal",
        "old placeholder|${JOB_ID}|${RUN_ID}|unknown placeholder ${RUN_ID}",
        "another volume on the spec directory|{ name: spec, mountPath: /etc/llmtwin/job"
            + "|{ name: tmp, mountPath: /etc/llmtwin/job"
            + "|must mount the whole ConfigMap",
        "not a Job|kind: Job|kind: CronJob|must hold one batch/v1 Job",
        "base models writable|{ name: base-models, mountPath: /models, readOnly: true }"
            + "|{ name: base-models, mountPath: /models }|must mount the base models at /models"
            + " read-only",
        "base models mounted elsewhere|{ name: base-models, mountPath: /models, readOnly: true }"
            + "|{ name: base-models, mountPath: /opt/models, readOnly: true }"
            + "|volume base-models is not mounted at /models",
        "base-models claim writable|claimName: llmtwin-base-models, readOnly: true"
            + "|claimName: llmtwin-base-models"
            + "|volume base-models (claim llmtwin-base-models) must be read-only",
        "claim also mounted writable elsewhere|{ name: dshm, mountPath: /dev/shm }"
            + "|{ name: base-models, mountPath: /dev/shm }"
            + "|container trainer mounts volume base-models (claim llmtwin-base-models) at /dev/shm"
            + " writable",
        "directory backed by another volume|{ name: base-models, mountPath: /models, readOnly: true }"
            + "|{ name: tmp, mountPath: /models, readOnly: true }"
            + "|mounts volume tmp at /models (llmtwin.training.base-models.directory), which is not"
            + " the base-models claim llmtwin-base-models",
      })
  void aBrokenTemplateStopsTheStartWithTheReason(
      String what, String find, String replace, String reason) throws Exception {
    String template = deployedTemplate();
    assertThat(template).as(what).contains(find);
    assertRefused(template.replace(find, replace), reason);
  }

  /** {@code template} with {@code line} inserted before the line holding {@code anchor}. */
  static String insertBefore(String template, String anchor, String line) {
    int at = template.indexOf(anchor);
    assertThat(at).as(anchor).isNotNegative();
    int lineStart = template.lastIndexOf('\n', at) + 1;
    String indent = " ".repeat(at - lineStart);
    return template.substring(0, at) + line + "\n" + indent + template.substring(at);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "env names another directory|- name: SPRING_MONGODB_URI"
            + "|- { name: LLMTWIN_TRAINING_BASE_MODELS_DIRECTORY, value: /opt/models }"
            + "|sets LLMTWIN_TRAINING_BASE_MODELS_DIRECTORY to /opt/models but training-service"
            + " checks base models against /models",
        "env from valueFrom|- name: SPRING_MONGODB_URI"
            + "|- { name: LLMTWIN_TRAINING_BASE_MODELS_DIRECTORY, valueFrom: { configMapKeyRef:"
            + " { name: llmtwin-config, key: models } } }"
            + "|takes LLMTWIN_TRAINING_BASE_MODELS_DIRECTORY from valueFrom",
        "init container mounts the claim writable|containers:"
            + "|initContainers: [{ name: fetch, image: busybox, volumeMounts:"
            + " [{ name: base-models, mountPath: /seed }] }]"
            + "|container fetch mounts volume base-models (claim llmtwin-base-models) at /seed"
            + " writable",
      })
  void aTemplateAddingABaseModelsConflictIsRefused(
      String what, String anchor, String line, String reason) throws Exception {
    assertRefused(insertBefore(deployedTemplate(), anchor, line), reason);
  }

  @Test
  void aTemplateThatSetsItsOwnCommandIsRefused() throws Exception {
    String template = deployedTemplate();
    String image = "image: \"${IMAGE}\"\n";
    int at = template.indexOf(image);
    String indent = " ".repeat(at - template.lastIndexOf('\n', at) - 1);
    assertRefused(
        template.replace(image, image + indent + "command: [sh, -c, train]\n"),
        "leave it out, the launcher runs the trainer CLI");
  }

  void assertRefused(String template, String reason) throws IOException {
    Path file = write(template);
    assertThatThrownBy(() -> launcher(file, IMAGE, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("llmtwin.training.kubernetes.job-template " + file)
        .hasMessageContaining(reason);
  }

  @Test
  void aMissingTemplateStopsTheStart() {
    Path file = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> launcher(file, IMAGE, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot read " + file);
  }

  @Test
  void aTemplateBrokenAfterTheStartFailsTheJobWithTheReasonAndCreatesNothing() throws Exception {
    Path file = write(deployedTemplate());
    KubernetesTrainingLauncher launcher = launcher(file, IMAGE, null);
    Files.writeString(file, deployedTemplate().replace("${JOB_NAME}", "${NAME}"));
    CompletableFuture<Integer> result = launch(launcher, "job-late");
    await().atMost(Duration.ofSeconds(60)).until(result::isDone);
    assertThat(result.handle((v, e) -> e.getCause()).join())
        .isInstanceOf(FineTuningException.class)
        .hasMessageContaining("unknown placeholder ${NAME}");
    assertThat(client.configMaps().inNamespace(NS).withName("training-job-late").get()).isNull();
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("training-job-late").get())
        .isNull();
  }
}
