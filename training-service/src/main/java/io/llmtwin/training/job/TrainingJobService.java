package io.llmtwin.training.job;

import io.llmtwin.registry.model.ModelOwnedByAnotherException;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.dataset.DatasetBuilder;
import io.llmtwin.training.dataset.DatasetConfig;
import io.llmtwin.training.launcher.TrainingLauncher;
import io.llmtwin.training.models.ModelOwnership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Accepts, queues, runs and cancels training jobs. Jobs run on a bounded executor ({@code
 * llmtwin.training.jobs.concurrency}, 1 by default: one at a time per node); their state lives in
 * MongoDB so a restart finds interrupted jobs ({@link #recoverInterrupted()}).
 */
public final class TrainingJobService {
  private static final Logger log = LoggerFactory.getLogger(TrainingJobService.class);

  private final TrainingJobStore store;
  private final JobEvents events;
  private final DatasetBuilder datasets;
  private final TrainingLauncher launcher;
  private final ModelRegistry registry;
  private final ExecutorService executor;
  private final BaseModels baseModels;
  private final boolean resumeInterrupted;
  private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();

  TrainingJobService(
      TrainingJobStore store,
      JobEvents events,
      DatasetBuilder datasets,
      TrainingLauncher launcher,
      ModelRegistry registry,
      ExecutorService executor,
      BaseModels baseModels,
      boolean resumeInterrupted) {
    this.store = store;
    this.events = events;
    this.datasets = datasets;
    this.launcher = launcher;
    this.registry = registry;
    this.executor = executor;
    this.baseModels = baseModels;
    this.resumeInterrupted = resumeInterrupted;
  }

  /**
   * Validates {@code spec}, builds its dataset when no version is given (synchronously, so a bad
   * author or an empty corpus is answered at once) and queues the job. A job whose model belongs to
   * another author ({@link ModelOwnership}) is refused with 403 {@code forbidden}, one whose {@code
   * baseModel} (or whose dataset's preference-pair {@code baseModel}) is not in the base-models
   * directory with 400 {@code base-model-refused} ({@link BaseModels}).
   */
  public TrainingJob submit(TrainingJobSpec spec) {
    TrainingJobSpec valid = validate(spec);
    try {
      ModelOwnership.requireMayRegister(registry, valid.modelName(), valid.authorId());
    } catch (ModelOwnedByAnotherException e) {
      throw new ApiProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage())
          .with("model", e.model());
    }
    String version =
        valid.datasetVersion() != null
            ? datasets.requireOwnedBy(valid.datasetVersion(), valid.authorId()).version()
            : datasets.build(valid.authorId(), valid.datasetConfig()).version();
    TrainingJob job =
        store.create(
            "job-" + UUID.randomUUID().toString().substring(0, 12),
            valid.withDatasetVersion(version),
            launcher.name());
    executor.execute(() -> run(job.id(), null));
    return job;
  }

  /** The job {@code id}. */
  public TrainingJob get(String id) {
    return store.find(id).orElseThrow(() -> ApiProblemException.notFound("training job", id));
  }

  /** Jobs of {@code authorId}, newest first. */
  public List<TrainingJob> list(String authorId) {
    return store.byAuthor(authorId);
  }

  /** Progress stream of job {@code id}. */
  public org.springframework.web.servlet.mvc.method.annotation.SseEmitter events(String id) {
    var emitter = events.subscribe(get(id));
    TrainingJob now = get(id);
    if (now.state().terminal()) {
      // the job may have ended between reading it and subscribing
      events.state(id, now.state(), now.reason(), now.registeredVersion());
    }
    return emitter;
  }

  /** Cancels a queued or running job; a finished job is left as it is. */
  public TrainingJob cancel(String id) {
    TrainingJob job = get(id);
    if (job.state().terminal()) {
      return job;
    }
    cancelled.put(id, true);
    if (job.state() == JobState.QUEUED || job.state() == JobState.INTERRUPTED) {
      finish(id, JobState.CANCELLED, "cancelled before it started", null);
    }
    return get(id);
  }

  /**
   * Marks jobs left RUNNING or QUEUED by a previous process as INTERRUPTED and, when enabled,
   * queues them again (resuming from their last checkpoint where the fine-tuner supports it).
   */
  public void recoverInterrupted() {
    for (TrainingJob job : store.inState(JobState.RUNNING, JobState.QUEUED)) {
      log.warn("training job {} was {} when the service stopped", job.id(), job.state());
      store.state(
          job.id(), JobState.INTERRUPTED, "the service stopped while the job was " + job.state());
      if (resumeInterrupted) {
        executor.execute(() -> run(job.id(), job.checkpoint()));
      }
    }
  }

  private void run(String id, String checkpoint) {
    TrainingJob job = store.find(id).orElse(null);
    if (job == null || job.state().terminal() || cancelled.containsKey(id)) {
      return;
    }
    store.state(id, JobState.RUNNING, null);
    events.state(id, JobState.RUNNING, null, null);
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(TrainingProgress progress) {
            store.progress(id, progress);
            events.progress(id, progress);
          }

          @Override
          public void onCheckpoint(Path path) {
            store.checkpoint(id, path.toString());
          }
        };
    try {
      Path resume = checkpoint == null ? null : Path.of(checkpoint);
      Integer version =
          launcher.launch(
              id,
              job.spec(),
              resume != null && Files.exists(resume) ? resume : null,
              listener,
              () -> cancelled.containsKey(id));
      if (version == null) {
        version = registry.version(job.spec().modelName(), "candidate").number();
      }
      finish(id, JobState.SUCCEEDED, null, version);
    } catch (FineTuningCancelledException e) {
      finish(id, JobState.CANCELLED, e.getMessage(), null);
    } catch (RuntimeException e) {
      log.warn("training job {} failed: {}", id, e.toString());
      finish(id, JobState.FAILED, reason(e), null);
    }
  }

  private void finish(String id, JobState state, String reason, Integer version) {
    if (state == JobState.SUCCEEDED) {
      store.succeeded(id, version);
    } else {
      store.state(id, state, reason);
    }
    cancelled.remove(id);
    events.state(id, state, reason, version);
  }

  private static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private TrainingJobSpec validate(TrainingJobSpec spec) {
    if (spec == null || spec.authorId() == null || spec.authorId().isBlank()) {
      throw ApiProblemException.invalid("authorId is required");
    }
    if (spec.baseModel() == null || spec.baseModel().isBlank()) {
      throw ApiProblemException.invalid("baseModel is required");
    }
    String baseModel = baseModels.check(spec.baseModel());
    Hyperparameters hp;
    try {
      FineTuningMethod.parse(spec.method());
      hp = spec.hyperparametersOrDefaults();
    } catch (IllegalArgumentException e) {
      throw new ApiProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-hyperparameters",
          "Invalid hyperparameters",
          e.getMessage());
    }
    DatasetConfig dataset;
    try {
      dataset = spec.datasetConfig() == null ? null : spec.datasetConfig().withDefaults();
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid("dataset: " + e.getMessage());
    }
    if (dataset != null && dataset.preferencePairs()) {
      // the dataset's own base model for the rejected answers, refused before anything is built
      baseModels.check(dataset.baseModel());
    }
    return new TrainingJobSpec(
        spec.authorId(),
        spec.datasetVersion(),
        spec.dataset(),
        baseModel,
        FineTuningMethod.parse(spec.method()).key(),
        hp,
        spec.model());
  }
}
