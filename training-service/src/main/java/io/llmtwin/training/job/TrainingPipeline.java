package io.llmtwin.training.job;

import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.VersionSpec;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.dataset.Dataset;
import io.llmtwin.training.dataset.DatasetBuilder;
import io.llmtwin.training.models.ModelOwnership;
import io.llmtwin.training.tracking.ExperimentRun;
import io.llmtwin.training.tracking.ExperimentTracker;
import io.llmtwin.training.tracking.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs one training job in this process: loads the dataset version, tracks the run, fine-tunes,
 * registers adapter, merged model and metrics as a new version in the model registry and points
 * {@code candidate} at it. Shared by the local launcher and the CLI (inside a Kubernetes Job).
 *
 * <p>Registration is the model registry's atomic insert: a job that fails before or during it
 * leaves no version behind.
 */
public final class TrainingPipeline {
  private final DatasetBuilder datasets;
  private final FineTuner fineTuner;
  private final ExperimentTracker tracker;
  private final ModelRegistry registry;
  private final AliasRegistry aliases;
  private final BaseModels baseModels;
  private final Path workDir;
  private final String gitCommit;

  TrainingPipeline(
      DatasetBuilder datasets,
      FineTuner fineTuner,
      ExperimentTracker tracker,
      ModelRegistry registry,
      AliasRegistry aliases,
      BaseModels baseModels,
      Path workDir,
      String gitCommit) {
    this.datasets = datasets;
    this.fineTuner = fineTuner;
    this.tracker = tracker;
    this.registry = registry;
    this.aliases = aliases;
    this.baseModels = baseModels;
    this.workDir = workDir;
    this.gitCommit = gitCommit;
  }

  /**
   * Runs {@code spec} (its dataset version must be set) as job {@code jobId}. Its {@code baseModel}
   * is checked here too, where the checkpoint is read ({@link BaseModels}; in the trainer pod the
   * volume is mounted, so existence and links are checked): jobs queued again after a restart and
   * specs given to {@code TrainingCli --spec} never passed the REST check.
   *
   * @return the registered version
   * @throws ApiProblemException 400 {@code base-model-refused} before anything is loaded or tracked
   */
  public ModelVersion run(
      String jobId,
      TrainingJobSpec spec,
      Path resumeFrom,
      ProgressListener listener,
      BooleanSupplier cancelled) {
    if (spec.baseModel() == null || spec.baseModel().isBlank()) {
      throw ApiProblemException.invalid("baseModel is required");
    }
    String baseModel = baseModels.check(spec.baseModel());
    Hyperparameters hp = spec.hyperparametersOrDefaults();
    FineTuningMethod method = FineTuningMethod.parse(spec.method());
    // before anything is trained: a model of another author is never written to
    ModelOwnership.requireMayRegister(registry, spec.modelName(), spec.authorId());
    Dataset dataset = datasets.load(spec.datasetVersion());
    Map<String, String> params = new LinkedHashMap<>(hp.asMap());
    params.put("method", method.key());
    params.put("base_model", baseModel);
    params.put("dataset_version", dataset.version());
    tracker.start(
        new ExperimentRun(jobId, spec.modelName() + "/" + jobId, spec.authorId(), params));
    try {
      Path out = workDir.resolve(jobId);
      Files.createDirectories(out);
      FineTuneResult result =
          fineTuner.fineTune(
              new FineTuneRequest(
                  jobId,
                  Path.of(baseModel),
                  method,
                  hp,
                  dataset.train(),
                  dataset.test(),
                  out,
                  fineTuner.supportsResume() ? resumeFrom : null),
              tracked(jobId, listener),
              cancelled);
      if (cancelled.getAsBoolean()) {
        throw new FineTuningCancelledException(jobId);
      }
      Path metricsFile = out.resolve("metrics.json");
      Files.writeString(metricsFile, metricsJson(result.metrics()));
      Map<String, Path> files = new TreeMap<>();
      collect(result.adapterDir(), "adapter/", files);
      collect(result.mergedModelDir(), "merged/", files);
      files.put("metrics.json", metricsFile);
      ModelVersion version =
          registry.register(
              spec.modelName(),
              VersionSpec.builder(baseModel, dataset.version())
                  .hyperparameters(params)
                  .metrics(result.metrics())
                  .gitCommit(gitCommit)
                  .description("training job " + jobId)
                  .createdBy("training-service")
                  .owner(spec.authorId())
                  .build(),
              files);
      aliases.move(
          spec.modelName(),
          AliasNames.CANDIDATE,
          version.number(),
          AliasMove.by("training-service", "trained by job " + jobId));
      version
          .artifacts()
          .forEach(
              a ->
                  tracker.logArtifact(
                      jobId,
                      a.name(),
                      "registry:" + spec.modelName() + "/" + version.name() + "/" + a.name()));
      result.metrics().forEach((k, v) -> tracker.logMetric(jobId, k, v, -1));
      tracker.finish(jobId, RunStatus.SUCCEEDED);
      return version;
    } catch (FineTuningCancelledException e) {
      tracker.finish(jobId, RunStatus.CANCELLED);
      throw e;
    } catch (IOException e) {
      tracker.finish(jobId, RunStatus.FAILED);
      throw new UncheckedIOException("cannot write job outputs: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      tracker.finish(jobId, RunStatus.FAILED);
      throw e;
    }
  }

  private ProgressListener tracked(String jobId, ProgressListener listener) {
    return new ProgressListener() {
      @Override
      public void onProgress(TrainingProgress p) {
        tracker.logMetric(jobId, "loss", p.loss(), p.step());
        tracker.logMetric(jobId, "tokens_per_second", p.tokensPerSecond(), p.step());
        listener.onProgress(p);
      }

      @Override
      public void onCheckpoint(Path checkpoint) {
        listener.onCheckpoint(checkpoint);
      }
    };
  }

  private static void collect(Path dir, String prefix, Map<String, Path> files) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.put(prefix + dir.relativize(p).toString().replace('\\', '/'), p);
      }
    }
  }

  private static String metricsJson(Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder("{");
    new TreeMap<>(metrics)
        .forEach(
            (k, v) -> {
              if (sb.length() > 1) {
                sb.append(',');
              }
              sb.append('"').append(k).append("\":").append(v);
            });
    return sb.append("}\n").toString();
  }
}
