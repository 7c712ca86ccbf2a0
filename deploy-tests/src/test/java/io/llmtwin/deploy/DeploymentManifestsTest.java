package io.llmtwin.deploy;

import static io.llmtwin.deploy.Manifests.asList;
import static io.llmtwin.deploy.Manifests.asMap;
import static io.llmtwin.deploy.Manifests.at;
import static io.llmtwin.deploy.Manifests.kind;
import static io.llmtwin.deploy.Manifests.mapAt;
import static io.llmtwin.deploy.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The repository's real deployment files keep the invariants (see docs/operations.md). */
class DeploymentManifestsTest {

  private static final Path ROOT = Manifests.repositoryRoot();
  private static final List<String> SERVICES =
      List.of("crawler-service", "feature-service", "training-service", "inference-service");

  @Test
  void everyKubernetesManifestKeepsProbesResourcesNonRootPinnedImagesAndSecretReferences() {
    List<Violation> violations = new ArrayList<>();
    List<Path> files = Manifests.yamlFiles(ROOT.resolve("k8s"));
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      for (Map<String, Object> document : Manifests.documents(Manifests.read(file))) {
        violations.addAll(KubernetesRules.check(ROOT.relativize(file).toString(), document));
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void composeFileKeepsPinnedImagesHealthchecksConditionsAndSecretsFromTheEnvironment() {
    Path compose = ROOT.resolve("docker-compose.yml");
    List<Violation> violations =
        ComposeRules.check(
            "docker-compose.yml", Manifests.documents(Manifests.read(compose)).get(0));
    assertThat(violations).isEmpty();
  }

  @Test
  void serviceDockerfilePinsBaseImagesRunsAsNonRootAndChecksHealth() {
    Path dockerfile = ROOT.resolve("docker/service.Dockerfile");
    assertThat(DockerfileRules.check("docker/service.Dockerfile", Manifests.read(dockerfile)))
        .isEmpty();
    assertThat(Manifests.read(dockerfile))
        .contains("-Djarmode=tools -jar app.jar extract --layers --launcher")
        .contains("--mount=type=cache,target=/root/.m2");
  }

  @Test
  void composeRunsTheFourServicesAndTheSameServerImagesAsTestcontainers() {
    Map<String, Object> services =
        mapAt(
            Manifests.documents(Manifests.read(ROOT.resolve("docker-compose.yml"))).get(0),
            "services");
    assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
    Map<String, String> testImages = testImages();
    assertThat(testImages).containsKeys("MONGODB", "RABBITMQ", "QDRANT");
    assertThat(at(services, "mongo", "image")).contains(testImages.get("MONGODB"));
    assertThat(at(services, "mongo-init", "image")).contains(testImages.get("MONGODB"));
    assertThat(at(services, "rabbitmq", "image")).contains(testImages.get("RABBITMQ"));
    assertThat(at(services, "qdrant", "image")).contains(testImages.get("QDRANT"));
    for (String service : List.of("training-service", "inference-service")) {
      assertThat(asList(mapAt(services, service).get("volumes")))
          .as("%s shares the model artifacts volume", service)
          .contains("model-artifacts:/var/lib/llmtwin/artifacts");
    }
  }

  @Test
  void everyServiceDeploymentHasAServiceAndADisruptionBudget() {
    Map<String, List<Map<String, Object>>> base = byKind(ROOT.resolve("k8s/base"));
    for (String service : SERVICES) {
      assertThat(named(base, "Deployment", service)).as("Deployment %s", service).isNotNull();
      assertThat(named(base, "Service", service)).as("Service %s", service).isNotNull();
      Map<String, Object> pdb = named(base, "PodDisruptionBudget", service);
      assertThat(pdb).as("PodDisruptionBudget %s", service).isNotNull();
      assertThat(at(pdb, "spec", "selector", "matchLabels", "app.kubernetes.io/name"))
          .contains(service);
    }
    assertThat(at(named(base, "Deployment", "crawler-service"), "spec", "replicas"))
        .as("crawler-service runs more than one replica: the CDC lease keeps one watcher active")
        .hasValueSatisfying(replicas -> assertThat((Integer) replicas).isGreaterThan(1));
  }

  @Test
  void featureAndInferenceServiceScaleHorizontally() {
    Map<String, List<Map<String, Object>>> base = byKind(ROOT.resolve("k8s/base"));
    for (String service : List.of("feature-service", "inference-service")) {
      Map<String, Object> hpa = named(base, "HorizontalPodAutoscaler", service);
      assertThat(hpa).as("HPA %s", service).isNotNull();
      assertThat(at(hpa, "spec", "scaleTargetRef", "name")).contains(service);
      assertThat((Integer) at(hpa, "spec", "maxReplicas").orElseThrow()).isGreaterThan(1);
    }
  }

  @Test
  void trainingServiceMayLaunchGpuJobsFromTheMountedTemplate() {
    Map<String, List<Map<String, Object>>> base = byKind(ROOT.resolve("k8s/base"));
    Map<String, Object> role = named(base, "Role", "training-job-launcher");
    assertThat(asList(role.get("rules")))
        .anySatisfy(
            rule -> {
              assertThat(asList(asMap(rule).get("resources"))).contains("jobs");
              assertThat(asList(asMap(rule).get("verbs"))).contains("create", "watch");
            })
        .anySatisfy(
            rule -> {
              assertThat(asList(asMap(rule).get("resources"))).contains("configmaps");
              assertThat(asList(asMap(rule).get("verbs"))).contains("create", "watch");
            })
        .anySatisfy(
            rule -> { // the launcher reads its own pod for the trainer image
              assertThat(asList(asMap(rule).get("resources"))).contains("pods");
              assertThat(asList(asMap(rule).get("verbs"))).contains("get");
            });
    Map<String, Object> binding = named(base, "RoleBinding", "training-job-launcher");
    assertThat(asList(binding.get("subjects")))
        .anySatisfy(s -> assertThat(asMap(s).get("name")).isEqualTo("training-service"));

    Map<String, Object> deployment = named(base, "Deployment", "training-service");
    Map<String, Object> pod = KubernetesRules.podSpec(deployment).orElseThrow();
    assertThat(pod.get("serviceAccountName")).isEqualTo("training-service");
    Map<String, Object> container = asMap(asList(pod.get("containers")).get(0));
    Map<String, Map<String, Object>> env = new LinkedHashMap<>();
    asList(container.get("env"))
        .forEach(e -> env.put(String.valueOf(asMap(e).get("name")), asMap(e)));
    assertThat(env.get("LLMTWIN_TRAINING_JOBS_LAUNCHER")).containsEntry("value", "kubernetes");
    assertThat(env.get("LLMTWIN_TRAINING_KUBERNETES_JOB_TEMPLATE"))
        .containsEntry("value", "/etc/llmtwin/training/job-template.yaml");
    assertThat(at(env.get("LLMTWIN_TRAINING_KUBERNETES_POD_NAME"), "valueFrom", "fieldRef"))
        .contains(Map.of("fieldPath", "metadata.name"));
    assertThat(asList(container.get("volumeMounts")))
        .anySatisfy(
            m -> {
              assertThat(asMap(m)).containsEntry("mountPath", "/etc/llmtwin/training");
              assertThat(
                      asList(pod.get("volumes")).stream()
                          .map(Manifests::asMap)
                          .filter(v -> asMap(m).get("name").equals(v.get("name")))
                          .findFirst()
                          .flatMap(v -> at(v, "configMap", "name")))
                  .contains("training-job-template");
            });
  }

  /**
   * The template keeps the contract of training-service's kubernetes launcher (ADR 0100,
   * docs/operations.md "GPU training Jobs"); {@code KubernetesJobTemplateTest} in training-service
   * launches this very file.
   */
  @Test
  void trainingJobTemplateUsesOnlyTheLaunchersPlaceholdersAndLeavesItTheTrainerCommand() {
    String template =
        (String)
            mapAt(
                    named(byKind(ROOT.resolve("k8s/base")), "ConfigMap", "training-job-template"),
                    "data")
                .get("job-template.yaml");
    Matcher placeholders = Pattern.compile("\\$\\{([^}]*)}").matcher(template);
    List<String> used = new ArrayList<>();
    while (placeholders.find()) {
      used.add(placeholders.group(1));
    }
    assertThat(used)
        .isSubsetOf("JOB_NAME", "JOB_ID", "SPEC_CONFIG_MAP", "IMAGE", "NAMESPACE")
        .contains("JOB_NAME", "SPEC_CONFIG_MAP", "IMAGE");

    Map<String, Object> job = Manifests.documents(template).get(0);
    assertThat(kind(job)).isEqualTo("Job");
    assertThat(job.get("apiVersion")).isEqualTo("batch/v1");
    assertThat(at(job, "metadata", "name")).contains("${JOB_NAME}");
    Map<String, Object> jobPod = KubernetesRules.podSpec(job).orElseThrow();
    assertThat(jobPod.get("restartPolicy")).isEqualTo("Never");
    assertThat(mapAt(jobPod, "nodeSelector")).isNotEmpty();
    assertThat(asList(jobPod.get("tolerations")))
        .anySatisfy(t -> assertThat(asMap(t).get("key")).isEqualTo("nvidia.com/gpu"));
    List<Object> containers = asList(jobPod.get("containers"));
    assertThat(containers).hasSize(1);
    Map<String, Object> trainer = asMap(containers.get(0));
    assertThat(trainer.get("name")).isEqualTo("trainer");
    assertThat(trainer.get("image")).isEqualTo("${IMAGE}");
    assertThat(trainer).doesNotContainKey("command");
    assertThat(asList(trainer.get("args")))
        .noneMatch(
            a ->
                String.valueOf(a).startsWith("--spec=")
                    || String.valueOf(a).startsWith("--job-id="));
    assertThat(at(trainer, "resources", "limits", "nvidia.com/gpu")).contains(1);
    assertThat(at(trainer, "resources", "requests", "nvidia.com/gpu")).contains(1);
    Map<String, Object> specMount =
        asList(trainer.get("volumeMounts")).stream()
            .map(Manifests::asMap)
            .filter(m -> "/etc/llmtwin/job".equals(m.get("mountPath")))
            .findFirst()
            .orElseThrow();
    assertThat(
            asList(jobPod.get("volumes")).stream()
                .map(Manifests::asMap)
                .filter(v -> specMount.get("name").equals(v.get("name")))
                .findFirst()
                .flatMap(v -> at(v, "configMap", "name")))
        .contains("${SPEC_CONFIG_MAP}");
  }

  /**
   * Base models (docs/operations.md "Base models"): one claim, populated by operators only, that
   * training-service and every GPU Job mount read-only at the directory training-service checks a
   * job's {@code baseModel} against.
   */
  @Test
  void baseModelsClaimIsMountedReadOnlyWhereTrainingServiceLooksForBaseModels() {
    Map<String, List<Map<String, Object>>> base = byKind(ROOT.resolve("k8s/base"));
    Map<String, Object> claim = named(base, "PersistentVolumeClaim", BASE_MODELS_CLAIM);
    assertThat(claim).as("PersistentVolumeClaim %s", BASE_MODELS_CLAIM).isNotNull();
    assertThat(asList(at(claim, "spec", "accessModes").orElse(null)))
        .as("pods on several nodes read it")
        .contains("ReadWriteMany");

    Map<String, Object> deployment = named(base, "Deployment", "training-service");
    Map<String, Object> servicePod = KubernetesRules.podSpec(deployment).orElseThrow();
    Map<String, Object> service = asMap(asList(servicePod.get("containers")).get(0));
    String directory =
        asList(service.get("env")).stream()
            .map(Manifests::asMap)
            .filter(e -> "LLMTWIN_TRAINING_BASE_MODELS_DIRECTORY".equals(e.get("name")))
            .map(e -> String.valueOf(e.get("value")))
            .findFirst()
            .orElseThrow();
    assertThat(directory).isEqualTo("/models");
    assertReadOnlyClaimAt(servicePod, service, directory, "training-service");

    String template =
        (String)
            mapAt(named(base, "ConfigMap", "training-job-template"), "data")
                .get("job-template.yaml");
    Map<String, Object> jobPod =
        KubernetesRules.podSpec(Manifests.documents(template).get(0)).orElseThrow();
    assertReadOnlyClaimAt(
        jobPod, asMap(asList(jobPod.get("containers")).get(0)), directory, "the GPU Job template");

    // local: one node, ReadWriteOnce; aws: an EFS storage class the overlay declares
    assertThat(Manifests.read(ROOT.resolve("k8s/overlays/local/kustomization.yaml")))
        .contains("kind: PersistentVolumeClaim, name: " + BASE_MODELS_CLAIM)
        .contains("value: [\"ReadWriteOnce\"]");
    Map<String, List<Map<String, Object>>> aws = byKind(ROOT.resolve("k8s/overlays/aws"));
    Object storageClass =
        at(named(aws, "PersistentVolumeClaim", BASE_MODELS_CLAIM), "spec", "storageClassName")
            .orElseThrow();
    assertThat(named(aws, "StorageClass", String.valueOf(storageClass)))
        .as("StorageClass %s", storageClass)
        .isNotNull()
        .containsEntry("provisioner", "efs.csi.aws.com");
  }

  @Test
  void onlyTheExamplesUnderK8sExamplesWriteToTheBaseModelsAndNoOverlayAppliesThem() {
    List<String> writers = new ArrayList<>();
    for (Path file : Manifests.yamlFiles(ROOT.resolve("k8s"))) {
      List<Map<String, Object>> documents = new ArrayList<>();
      for (Map<String, Object> document : Manifests.documents(Manifests.read(file))) {
        documents.add(document);
        if (kind(document).equals("ConfigMap")) { // the Job template inside its ConfigMap
          mapAt(document, "data").values().stream()
              .filter(v -> String.valueOf(v).contains("kind: Job"))
              .forEach(v -> documents.addAll(Manifests.documents(String.valueOf(v))));
        }
      }
      for (Map<String, Object> document : documents) {
        KubernetesRules.podSpec(document)
            .filter(pod -> mountsTheClaimWritable(pod))
            .ifPresent(pod -> writers.add(ROOT.relativize(file).toString()));
      }
    }
    assertThat(writers)
        .as("pods that may write the base models")
        .isNotEmpty()
        .allMatch(file -> file.startsWith("k8s/examples/"));
    for (String kustomization : List.of("k8s/base", "k8s/overlays/local", "k8s/overlays/aws")) {
      Map<String, Object> k =
          Manifests.documents(
                  Manifests.read(ROOT.resolve(kustomization).resolve("kustomization.yaml")))
              .get(0);
      assertThat(asList(k.get("resources")))
          .as("%s applies no example", kustomization)
          .noneMatch(r -> String.valueOf(r).contains("examples"));
    }
  }

  private static final String BASE_MODELS_CLAIM = "llmtwin-base-models";

  private static void assertReadOnlyClaimAt(
      Map<String, Object> pod, Map<String, Object> container, String directory, String what) {
    Map<String, Object> mount =
        asList(container.get("volumeMounts")).stream()
            .map(Manifests::asMap)
            .filter(m -> directory.equals(m.get("mountPath")))
            .findFirst()
            .orElse(null);
    assertThat(mount).as("%s mounts %s", what, directory).isNotNull();
    assertThat(mount.get("readOnly")).as("%s mounts %s read-only", what, directory).isEqualTo(true);
    Map<String, Object> volume =
        asList(pod.get("volumes")).stream()
            .map(Manifests::asMap)
            .filter(v -> mount.get("name").equals(v.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(at(volume, "persistentVolumeClaim", "claimName"))
        .as("%s: volume %s", what, mount.get("name"))
        .contains(BASE_MODELS_CLAIM);
    assertThat(at(volume, "persistentVolumeClaim", "readOnly")).contains(true);
  }

  private static boolean mountsTheClaimWritable(Map<String, Object> pod) {
    List<String> claimVolumes =
        asList(pod.get("volumes")).stream()
            .map(Manifests::asMap)
            .filter(
                v ->
                    at(v, "persistentVolumeClaim", "claimName")
                        .orElse("")
                        .equals(BASE_MODELS_CLAIM))
            .map(v -> String.valueOf(v.get("name")))
            .toList();
    List<Object> containers = new ArrayList<>(asList(pod.get("containers")));
    containers.addAll(asList(pod.get("initContainers")));
    return containers.stream()
        .flatMap(c -> asList(asMap(c).get("volumeMounts")).stream())
        .map(Manifests::asMap)
        .anyMatch(
            m -> claimVolumes.contains(m.get("name")) && !Boolean.TRUE.equals(m.get("readOnly")));
  }

  @Test
  void theTrainerCommandFindsTheExplodedApplicationInTheImage() {
    // the launcher runs: java -cp /app -Dloader.main=…TrainingCli …PropertiesLauncher
    assertThat(Manifests.read(ROOT.resolve("docker/service.Dockerfile")))
        .contains("extract --layers --launcher")
        .contains("WORKDIR /app")
        .contains("COPY --from=extract /layers/extracted/spring-boot-loader/ ./")
        .contains("COPY --from=extract /layers/extracted/application/ ./");
  }

  @Test
  void overlaysReferenceExistingFilesAndPinImageTags() {
    for (String overlay : List.of("k8s/base", "k8s/overlays/local", "k8s/overlays/aws")) {
      Path dir = ROOT.resolve(overlay);
      Map<String, Object> kustomization =
          Manifests.documents(Manifests.read(dir.resolve("kustomization.yaml"))).get(0);
      List<String> referenced = new ArrayList<>();
      asList(kustomization.get("resources")).forEach(r -> referenced.add(String.valueOf(r)));
      asList(kustomization.get("patches"))
          .forEach(
              p -> at(asMap(p), "path").ifPresent(path -> referenced.add(String.valueOf(path))));
      asList(kustomization.get("secretGenerator"))
          .forEach(
              g -> asList(asMap(g).get("envs")).forEach(e -> referenced.add(String.valueOf(e))));
      for (String path : referenced) {
        assertThat(Files.exists(dir.resolve(path))).as("%s: %s exists", overlay, path).isTrue();
      }
      List<Object> images = asList(kustomization.get("images"));
      assertThat(images).as("%s overrides the image tags", overlay).hasSize(SERVICES.size());
      for (Object image : images) {
        String tag = String.valueOf(asMap(image).get("newTag"));
        assertThat(tag).isNotBlank().isNotEqualToIgnoringCase("latest");
      }
    }
  }

  @Test
  void awsOverlayUsesIrsaForS3AndAnAlbForInference() {
    Map<String, List<Map<String, Object>>> aws = byKind(ROOT.resolve("k8s/overlays/aws"));
    for (String account : List.of("training-service", "inference-service")) {
      assertThat(at(named(aws, "ServiceAccount", account), "metadata", "annotations"))
          .hasValueSatisfying(a -> assertThat(asMap(a)).containsKey("eks.amazonaws.com/role-arn"));
    }
    Map<String, Object> ingress = named(aws, "Ingress", "inference-service");
    assertThat(at(ingress, "spec", "ingressClassName")).contains("alb");
    assertThat(mapAt(named(aws, "ConfigMap", "llmtwin-config"), "data"))
        .containsEntry("LLMTWIN_REGISTRY_ARTIFACT_STORE", "s3");
    assertThat(byKind(ROOT.resolve("k8s/overlays/aws"))).doesNotContainKey("Secret");
  }

  @Test
  void prometheusScrapesEveryServiceAndTheDashboardCoversEachPipeline() {
    Map<String, Object> prometheus =
        Manifests.documents(Manifests.read(ROOT.resolve("observability/prometheus/prometheus.yml")))
            .get(0);
    List<String> targets = new ArrayList<>();
    for (Object job : asList(prometheus.get("scrape_configs"))) {
      for (Object config : asList(asMap(job).get("static_configs"))) {
        asList(asMap(config).get("targets")).forEach(t -> targets.add(String.valueOf(t)));
      }
    }
    assertThat(targets)
        .contains(
            "crawler-service:8081",
            "feature-service:8082",
            "training-service:8083",
            "inference-service:8084");

    String dashboard =
        Manifests.read(ROOT.resolve("observability/grafana/dashboards/llm-twin-overview.json"));
    Map<String, Object> parsed = Manifests.documents(dashboard).get(0);
    assertThat(asList(parsed.get("panels"))).isNotEmpty();
    assertThat(dashboard)
        .contains("llmtwin_crawler_", "llmtwin_cdc_lag_seconds", "llmtwin_feature_documents_total")
        .contains("llmtwin_training_", "llmtwin_inference_");
  }

  @Test
  void overlayPatchesTargetResourcesOfTheBase() {
    Map<String, List<Map<String, Object>>> base = byKind(ROOT.resolve("k8s/base"));
    for (String overlay : List.of("k8s/overlays/local", "k8s/overlays/aws")) {
      Path dir = ROOT.resolve(overlay);
      Map<String, Object> kustomization =
          Manifests.documents(Manifests.read(dir.resolve("kustomization.yaml"))).get(0);
      for (Object patch : asList(kustomization.get("patches"))) {
        Object path = asMap(patch).get("path");
        if (path != null) {
          for (Map<String, Object> document :
              Manifests.documents(Manifests.read(dir.resolve(String.valueOf(path))))) {
            assertThat(named(base, kind(document), name(document)))
                .as("%s patches %s/%s of the base", overlay, kind(document), name(document))
                .isNotNull();
          }
        } else {
          String target = String.valueOf(at(asMap(patch), "target", "kind").orElse(""));
          assertThat(base)
              .as("%s patches some %s of the base", overlay, target)
              .containsKey(target);
        }
      }
    }
  }

  private static Map<String, String> testImages() {
    String source =
        Manifests.read(
            ROOT.resolve("test-support/src/main/java/io/llmtwin/testsupport/TestImages.java"));
    Matcher m = Pattern.compile("String\\s+(\\w+)\\s*=\\s*\"([^\"]+)\"").matcher(source);
    Map<String, String> images = new LinkedHashMap<>();
    while (m.find()) {
      images.put(m.group(1), m.group(2));
    }
    return images;
  }

  private static Map<String, List<Map<String, Object>>> byKind(Path dir) {
    Map<String, List<Map<String, Object>>> byKind = new LinkedHashMap<>();
    for (Path file : Manifests.yamlFiles(dir)) {
      for (Map<String, Object> document : Manifests.documents(Manifests.read(file))) {
        byKind.computeIfAbsent(kind(document), k -> new ArrayList<>()).add(document);
      }
    }
    return byKind;
  }

  private static Map<String, Object> named(
      Map<String, List<Map<String, Object>>> byKind, String kind, String name) {
    return byKind.getOrDefault(kind, List.of()).stream()
        .filter(d -> name(d).equals(name))
        .findFirst()
        .orElse(null);
  }
}
