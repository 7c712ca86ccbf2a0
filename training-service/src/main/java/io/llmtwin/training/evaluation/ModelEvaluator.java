package io.llmtwin.training.evaluation;

import static io.llmtwin.training.evaluation.EvaluationMetrics.*;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.dataset.DatasetBuilder;
import io.llmtwin.training.dataset.DatasetVersion;
import io.llmtwin.training.models.ModelOwnership;
import io.llmtwin.training.tracking.ExperimentRun;
import io.llmtwin.training.tracking.ExperimentTracker;
import io.llmtwin.training.tracking.RunStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a registered model version on a dataset's test split (by default the dataset it was
 * trained on, recorded in its lineage): held-out loss and perplexity of the author's real responses
 * under the version's merged checkpoint ({@code merged/*}) and under its base model, greedy
 * generations for the test instructions from both, style similarity of each set of generations to
 * the author's held-out texts, ROUGE-L against the references and, when configured, an LLM judge.
 *
 * <p>Results are recorded on the version ({@link ModelRegistry#recordMetrics}), the full report as
 * artifact {@code evaluation/<dataset>/<millis>.json}, and the run in the experiment tracker. A
 * stored evaluation is reused unless a rerun is asked for. One evaluation runs at a time per node.
 */
public final class ModelEvaluator {
  private static final Logger log = LoggerFactory.getLogger(ModelEvaluator.class);
  static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  static final String REPORT_PREFIX = "evaluation/";

  private final ModelRegistry registry;
  private final DatasetBuilder datasets;
  private final CheckpointScorer scorer;
  private final StyleSimilarity style;
  private final Optional<LlmJudge> judge;
  private final ExperimentTracker tracker;
  private final EvaluationProperties properties;
  private final Clock clock;
  private final BaseModels baseModels;
  private final ReentrantLock oneAtATime = new ReentrantLock();
  private final Map<String, CheckpointScorer.Scores> baseScores = new ConcurrentHashMap<>();

  ModelEvaluator(
      ModelRegistry registry,
      DatasetBuilder datasets,
      StyleSimilarity style,
      Optional<LlmJudge> judge,
      ExperimentTracker tracker,
      EvaluationProperties properties,
      Clock clock,
      BaseModels baseModels) {
    this.registry = registry;
    this.datasets = datasets;
    this.scorer = new CheckpointScorer(properties);
    this.style = style;
    this.judge = judge;
    this.tracker = tracker;
    this.properties = properties;
    this.clock = clock;
    this.baseModels = baseModels;
  }

  /** Evaluates {@code ref} of {@code model} on its own dataset, reusing a stored evaluation. */
  public EvaluationReport evaluate(String model, String ref) {
    return evaluate(model, ref, null, false);
  }

  /**
   * Evaluates {@code ref} of {@code model} on the test split of {@code datasetVersion} (its own
   * dataset when {@code null}); a stored evaluation is returned unless {@code rerun}.
   *
   * @throws EvaluationException when the version has no dataset, no merged checkpoint, or its base
   *     model is not on this node or not in the base-models directory ({@link BaseModels})
   */
  public EvaluationReport evaluate(String model, String ref, String datasetVersion, boolean rerun) {
    ModelVersion version = registry.version(model, ref);
    String own = version.lineage().datasetVersion();
    String dataset = datasetVersion == null || datasetVersion.isBlank() ? own : datasetVersion;
    if (dataset == null || dataset.isBlank()) {
      throw new EvaluationException(
          model + " " + version.name() + " records no dataset version to evaluate on", null);
    }
    if (!rerun) {
      Optional<EvaluationReport> stored = stored(version, dataset);
      if (stored.isPresent()) {
        return stored.get().asReused();
      }
    }
    oneAtATime.lock();
    try {
      if (!rerun) {
        Optional<EvaluationReport> stored =
            stored(registry.version(model, version.number()), dataset);
        if (stored.isPresent()) {
          return stored.get().asReused();
        }
      }
      return run(version, dataset, dataset.equals(own));
    } finally {
      oneAtATime.unlock();
    }
  }

  /** The stored evaluation of a version on {@code dataset} (own dataset when null), if any. */
  public Optional<EvaluationReport> stored(String model, String ref, String dataset) {
    ModelVersion version = registry.version(model, ref);
    return stored(
        version,
        dataset == null || dataset.isBlank() ? version.lineage().datasetVersion() : dataset);
  }

  /** Every stored evaluation report of a version, newest first. */
  public List<EvaluationReport> reports(String model, String ref) {
    ModelVersion version = registry.version(model, ref);
    List<EvaluationReport> out = new ArrayList<>();
    version.artifacts().stream()
        .filter(a -> a.name().startsWith(REPORT_PREFIX))
        .sorted(Comparator.comparing(VersionArtifact::name).reversed())
        .forEach(a -> readReport(version, a).ifPresent(out::add));
    return out;
  }

  private Optional<EvaluationReport> stored(ModelVersion version, String dataset) {
    if (dataset == null) {
      return Optional.empty();
    }
    boolean own = dataset.equals(version.lineage().datasetVersion());
    Map<String, Double> metrics = canonical(version.metrics(), dataset, own);
    if (!metrics.containsKey(LOSS) || !metrics.containsKey(STYLE_SIMILARITY)) {
      return Optional.empty();
    }
    String prefix = REPORT_PREFIX + dataset + "/";
    Optional<EvaluationReport> report =
        version.artifacts().stream()
            .filter(a -> a.name().startsWith(prefix))
            .max(Comparator.comparing(VersionArtifact::name))
            .flatMap(a -> readReport(version, a));
    return Optional.of(
        report.orElseGet(
            () ->
                new EvaluationReport(
                    version.model(),
                    version.number(),
                    dataset,
                    version.lineage().baseModel(),
                    metrics.getOrDefault(SAMPLES, 0.0).intValue(),
                    metrics,
                    List.of(),
                    null,
                    true)));
  }

  private Optional<EvaluationReport> readReport(ModelVersion version, VersionArtifact artifact) {
    try (InputStream in = registry.openArtifact(version.model(), version.name(), artifact.name())) {
      return Optional.of(JSON.readValue(in, EvaluationReport.class));
    } catch (IOException e) {
      log.warn("unreadable evaluation report {}: {}", artifact.name(), e.getMessage());
      return Optional.empty();
    }
  }

  private EvaluationReport run(ModelVersion version, String dataset, boolean ownDataset) {
    Path baseModel = baseModel(version);
    List<InstructionSample> test = datasets.load(dataset).test();
    if (test.isEmpty()) {
      throw new EvaluationException("dataset " + dataset + " has an empty test split", null);
    }
    test = test.subList(0, Math.min(test.size(), properties.maxSamples()));
    String runId =
        "eval-"
            + version.model()
            + "-"
            + version.name()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("model", version.model());
    params.put("version", version.name());
    params.put("dataset_version", dataset);
    params.put("base_model", version.lineage().baseModel());
    params.put("samples", Integer.toString(test.size()));
    params.put("max_new_tokens", Integer.toString(properties.maxNewTokens()));
    tracker.start(
        new ExperimentRun(
            runId,
            version.model() + "/" + version.name() + "/evaluation",
            author(version.model(), dataset),
            params));
    Path dir = properties.workDir().resolve(runId);
    try {
      Path merged = download(version, dir);
      log.info(
          "evaluating {} {} on {} ({} test samples)",
          version.model(),
          version.name(),
          dataset,
          test.size());
      CheckpointScorer.Scores candidate = scorer.score(merged, test);
      List<InstructionSample> samples = test;
      CheckpointScorer.Scores base =
          baseScores.computeIfAbsent(
              baseModel.toAbsolutePath() + "|" + dataset + "|" + samples.size(),
              k -> scorer.score(baseModel, samples));
      List<String> references = test.stream().map(InstructionSample::response).toList();
      List<String> instructions = test.stream().map(InstructionSample::instruction).toList();
      StyleSimilarity.Reference author = style.reference(references);
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put(LOSS, candidate.loss());
      metrics.put(PERPLEXITY, Math.exp(candidate.loss()));
      metrics.put(BASE_LOSS, base.loss());
      metrics.put(BASE_PERPLEXITY, Math.exp(base.loss()));
      metrics.put(STYLE_SIMILARITY, style.similarity(candidate.generations(), author));
      metrics.put(BASE_STYLE_SIMILARITY, style.similarity(base.generations(), author));
      metrics.put(ROUGE_L, meanRouge(candidate.generations(), references));
      metrics.put(BASE_ROUGE_L, meanRouge(base.generations(), references));
      metrics.put(SAMPLES, (double) test.size());
      judge.ifPresent(
          j -> {
            LlmJudge.JudgeSummary s = j.judgeAll(instructions, references, candidate.generations());
            metrics.put(JUDGE_JUDGED, (double) s.judged());
            metrics.put(JUDGE_UNPARSEABLE, (double) s.unparseable());
            if (s.meanAccuracy() != null) {
              metrics.put(JUDGE_ACCURACY, s.meanAccuracy());
              metrics.put(JUDGE_STYLE, s.meanStyle());
            }
          });
      List<EvaluationReport.Generation> generations = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        generations.add(
            new EvaluationReport.Generation(
                instructions.get(i),
                references.get(i),
                candidate.generations().get(i),
                base.generations().get(i)));
      }
      EvaluationReport report =
          new EvaluationReport(
              version.model(),
              version.number(),
              dataset,
              version.lineage().baseModel(),
              test.size(),
              metrics,
              generations,
              clock.instant().toString(),
              false);
      Map<String, Double> stored = new LinkedHashMap<>();
      metrics.forEach(
          (k, v) -> stored.put(EvaluationMetrics.stored(k, dataset, ownDataset), finite(v)));
      registry.attachArtifact(
          version.model(),
          version.number(),
          REPORT_PREFIX + dataset + "/" + clock.millis() + ".json",
          new ByteArrayInputStream(JSON.writeValueAsBytes(report)));
      registry.recordMetrics(version.model(), version.number(), stored);
      metrics.forEach((k, v) -> tracker.logMetric(runId, k, finite(v), -1));
      tracker.finish(runId, RunStatus.SUCCEEDED);
      log.info("evaluated {} {}: {}", version.model(), version.name(), metrics);
      return report;
    } catch (IOException e) {
      tracker.finish(runId, RunStatus.FAILED);
      throw new UncheckedIOException("cannot write evaluation files: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      tracker.finish(runId, RunStatus.FAILED);
      throw e;
    } finally {
      deleteQuietly(dir);
    }
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : Double.MAX_VALUE;
  }

  private static double meanRouge(List<String> generated, List<String> references) {
    double sum = 0;
    for (int i = 0; i < generated.size(); i++) {
      sum += RougeL.f1(generated.get(i), references.get(i));
    }
    return generated.isEmpty() ? 0 : sum / generated.size();
  }

  /**
   * The version's base checkpoint, read only where {@link BaseModels} allows: the lineage is stored
   * text, so a base model outside the base-models directory is refused like a job's.
   */
  private Path baseModel(ModelVersion version) {
    String base = version.lineage().baseModel();
    String checked;
    try {
      checked = baseModels.check(base);
    } catch (ApiProblemException e) {
      throw new EvaluationException(
          "base model of " + version.model() + " " + version.name() + " refused: " + e.detail(), e);
    }
    Path path = checked == null ? null : Path.of(checked);
    if (path == null || !Files.isRegularFile(path.resolve("config.json"))) {
      throw new EvaluationException(
          "base model "
              + base
              + " of "
              + version.model()
              + " "
              + version.name()
              + " is not a local Hugging Face checkpoint on this node",
          null);
    }
    return path;
  }

  /** Downloads {@code merged/*} (verifying every artifact's SHA-256) and returns the directory. */
  private Path download(ModelVersion version, Path dir) throws IOException {
    List<VersionArtifact> merged =
        version.artifacts().stream().filter(a -> a.name().startsWith("merged/")).toList();
    if (merged.stream().noneMatch(a -> a.name().equals("merged/config.json"))) {
      throw new EvaluationException(
          version.model() + " " + version.name() + " has no merged checkpoint (merged/config.json)",
          null);
    }
    Path target = dir.resolve("merged");
    for (VersionArtifact a : merged) {
      Path file = target.resolve(a.name().substring("merged/".length())).normalize();
      if (!file.startsWith(target)) {
        throw new EvaluationException("unsafe artifact name " + a.name(), null);
      }
      Files.createDirectories(file.getParent());
      try (InputStream in = registry.openArtifact(version.model(), version.name(), a.name())) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return target;
  }

  /**
   * The author whose texts the dataset holds, else the one the model's default name says, else the
   * model name.
   */
  private String author(String model, String dataset) {
    return datasets
        .describe(dataset)
        .map(DatasetVersion::authorId)
        .filter(a -> !a.isBlank())
        .or(() -> ModelOwnership.authorOfDefaultName(model))
        .orElse(model);
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
