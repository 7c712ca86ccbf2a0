package io.llmtwin.training.lora;

import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.export.MergedExport;
import io.llmtwin.llm.export.PeftAdapter;
import io.llmtwin.llm.lora.LoraAdapters;
import io.llmtwin.llm.lora.LoraConfig;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.qlora.QLora;
import io.llmtwin.llm.train.PromptRenderer;
import io.llmtwin.llm.train.Trainer;
import io.llmtwin.llm.train.TrainingConfig;
import io.llmtwin.llm.train.TrainingExample;
import io.llmtwin.llm.train.TrainingResult;
import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.training.job.FineTuneRequest;
import io.llmtwin.training.job.FineTuneResult;
import io.llmtwin.training.job.FineTuner;
import io.llmtwin.training.job.FineTuningCancelledException;
import io.llmtwin.training.job.FineTuningException;
import io.llmtwin.training.job.FineTuningMethod;
import io.llmtwin.training.job.Hyperparameters;
import io.llmtwin.training.job.ProgressListener;
import io.llmtwin.training.job.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FineTuner} on llm-core (DJL/PyTorch): loads the base checkpoint, quantises its frozen
 * projections to NF4 for QLoRA, attaches LoRA adapters to every linear projection, trains on the
 * samples rendered with the shared prompt template (loss on response tokens only), then writes a
 * PEFT adapter to {@code adapter/} and a merged Hugging Face checkpoint (F32) to {@code merged/}.
 *
 * <p>Steps are {@code maxSteps} when set, otherwise {@code epochs × ⌈train / batchSize⌉}. Progress
 * is reported after every {@code logEvery} steps; cancellation is polled after every step.
 * Checkpoints go to {@code checkpoint/} and a restarted job resumes from them.
 */
public final class LlmCoreFineTuner implements FineTuner {
  static final String ADAPTER_DIR = "adapter";
  static final String MERGED_DIR = "merged";
  static final String CHECKPOINT_DIR = "checkpoint";
  private static final Logger log = LoggerFactory.getLogger(LlmCoreFineTuner.class);
  private static final int TRAIN_LOSS_WINDOW = 10;

  private final LoraProperties properties;

  LlmCoreFineTuner(LoraProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean supportsResume() {
    return true;
  }

  @Override
  public FineTuneResult fineTune(
      FineTuneRequest request, ProgressListener listener, BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new FineTuningCancelledException(request.jobId());
    }
    try {
      return run(request, listener, cancelled);
    } catch (StopRequested e) {
      throw new FineTuningCancelledException(request.jobId());
    } catch (FineTuningException | FineTuningCancelledException e) {
      throw e;
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new FineTuningException("fine-tuning failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new FineTuningException(
          "fine-tuning failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private FineTuneResult run(
      FineTuneRequest request, ProgressListener listener, BooleanSupplier cancelled) {
    Hyperparameters hp = request.hyperparameters().withDefaults();
    HfCheckpoint base = openBase(request.baseModel());
    List<TrainingExample> train = tokenize(base, request.train(), hp.maxSequenceLength());
    List<TrainingExample> test = tokenize(base, request.test(), hp.maxSequenceLength());
    if (train.isEmpty()) {
      throw new FineTuningException(
          "no training sample fits in maxSequenceLength "
              + hp.maxSequenceLength()
              + " tokens (prompt plus at least one response token)");
    }
    int steps = steps(hp, train.size());
    Path checkpointDir = checkpointDir(request);
    TrainingConfig config =
        new TrainingConfig(
            steps,
            hp.batchSize(),
            1,
            hp.learningRate(),
            0.01,
            (int) Math.floor(steps * properties.warmupRatio()),
            TrainingConfig.Schedule.COSINE,
            1.0,
            hp.seed(),
            0,
            0,
            checkpointDir == null ? 0 : properties.checkpointEvery(),
            Optional.ofNullable(checkpointDir));
    log.info(
        "job {}: {} on {} ({} train / {} test examples, {} steps)",
        request.jobId(),
        request.method().key(),
        request.baseModel(),
        train.size(),
        test.size(),
        steps);
    Map<String, Double> metrics = new LinkedHashMap<>();
    Path adapterDir = request.outputDir().resolve(ADAPTER_DIR);
    Path mergedDir = request.outputDir().resolve(MERGED_DIR);
    try (NDManager manager = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(base, manager)) {
      if (request.method() == FineTuningMethod.QLORA) {
        QLora.Footprint f = QLora.quantize(model, true);
        log.info(
            "job {}: frozen projections {} B fp32 -> {} B NF4",
            request.jobId(),
            f.fp32Bytes(),
            f.nf4Bytes());
      }
      LoraAdapters lora =
          LoraAdapters.attach(
              model, LoraConfig.of(hp.loraRank(), hp.loraAlpha(), properties.dropout()), hp.seed());
      if (!test.isEmpty()) {
        metrics.put("base_eval_loss", Trainer.evaluate(model, test, hp.batchSize()));
      }
      TrainingResult result =
          new Trainer(model, config)
              .train(train, test, p -> onStep(p, listener, cancelled, checkpointDir));
      if (!result.trainLosses().isEmpty()) {
        metrics.put("train_loss", tail(result.trainLosses()));
      }
      if (!test.isEmpty()) {
        metrics.put("eval_loss", Trainer.evaluate(model, test, hp.batchSize()));
      }
      metrics.put("steps", (double) result.steps());
      metrics.put("tokens_per_second", result.tokensPerSecond());
      if (cancelled.getAsBoolean()) {
        throw new StopRequested();
      }
      PeftAdapter.save(adapterDir, lora, request.baseModel().toString());
      MergedExport.write(mergedDir, model, base, TensorDType.F32);
    }
    log.info("job {}: done, metrics {}", request.jobId(), metrics);
    return new FineTuneResult(adapterDir, mergedDir, metrics);
  }

  private void onStep(
      io.llmtwin.llm.train.TrainingProgress p,
      ProgressListener listener,
      BooleanSupplier cancelled,
      Path checkpointDir) {
    boolean last = p.step() >= p.totalSteps();
    if (p.step() % properties.logEvery() == 0 || last) {
      listener.onProgress(
          new TrainingProgress(
              p.step(),
              p.totalSteps(),
              p.loss(),
              p.tokensPerSecond(),
              Math.max(0, p.eta().toSeconds())));
    }
    if (checkpointDir != null
        && properties.checkpointEvery() > 0
        && (p.step() % properties.checkpointEvery() == 0 || last)) {
      listener.onCheckpoint(checkpointDir);
    }
    if (cancelled.getAsBoolean()) {
      throw new StopRequested();
    }
  }

  static int steps(Hyperparameters hp, int trainExamples) {
    if (hp.maxSteps() > 0) {
      return hp.maxSteps();
    }
    long perEpoch = (trainExamples + (long) hp.batchSize() - 1) / hp.batchSize();
    return (int) Math.min(1_000_000L, Math.max(1, perEpoch * hp.epochs()));
  }

  private Path checkpointDir(FineTuneRequest request) {
    if (properties.checkpointEvery() == 0) {
      return null;
    }
    if (request.resumeFrom() != null) {
      return request.resumeFrom();
    }
    Path dir = request.outputDir().resolve(CHECKPOINT_DIR);
    deleteRecursively(dir); // a fresh start must not pick up an older run's state
    return dir;
  }

  private static HfCheckpoint openBase(Path dir) {
    if (!Files.isRegularFile(dir.resolve("config.json"))) {
      throw new FineTuningException(
          "base model " + dir + " has no config.json (expected a local Hugging Face checkpoint)");
    }
    return HfCheckpoint.open(dir);
  }

  private static List<TrainingExample> tokenize(
      HfCheckpoint base, List<InstructionSample> samples, int maxLength) {
    if (samples == null || samples.isEmpty()) {
      return List.of();
    }
    List<Integer> eos = base.config().eosTokenIds();
    try (LlmTokenizer tokenizer = LlmTokenizer.load(base)) {
      return TrainingExample.tokenize(
          samples,
          PromptRenderer.shared(),
          tokenizer,
          base.config().bosTokenId(),
          eos.isEmpty() ? -1 : eos.get(0),
          maxLength);
    }
  }

  private static double tail(List<Double> losses) {
    return losses.subList(Math.max(0, losses.size() - TRAIN_LOSS_WINDOW), losses.size()).stream()
        .mapToDouble(Double::doubleValue)
        .average()
        .orElseThrow();
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new FineTuningException("cannot clear old checkpoint " + dir + ": " + e.getMessage());
    }
  }

  /** Thrown from the progress callback to leave llm-core's training loop between steps. */
  private static final class StopRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopRequested() {
      super("cancelled", null, false, false);
    }
  }
}
