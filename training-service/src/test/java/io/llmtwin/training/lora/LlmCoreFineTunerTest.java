package io.llmtwin.training.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.training.job.FineTuneRequest;
import io.llmtwin.training.job.FineTuneResult;
import io.llmtwin.training.job.FineTuningCancelledException;
import io.llmtwin.training.job.FineTuningException;
import io.llmtwin.training.job.FineTuningMethod;
import io.llmtwin.training.job.Hyperparameters;
import io.llmtwin.training.job.ProgressListener;
import io.llmtwin.training.job.TrainingProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The llm-core fine-tuner against tiny generated checkpoints (PyTorch, one thread, CPU). */
class LlmCoreFineTunerTest {
  @TempDir Path dir;
  Path base;

  @BeforeEach
  void checkpoint() {
    base =
        TinyLlamaCheckpoints.write(dir.resolve("base"), TinyLlamaCheckpoints.tinyConfig(), 5).dir();
  }

  @Test
  void qloraWritesAPeftAdapterAndAMergedCheckpointAndReportsEveryStep() {
    List<TrainingProgress> progress = new ArrayList<>();
    FineTuneResult result =
        tuner(0)
            .fineTune(
                request(FineTuningMethod.QLORA, hp(4, 0, 128), null), progress::add, () -> false);

    assertThat(progress).extracting(TrainingProgress::step).containsExactly(1L, 2L, 3L, 4L);
    assertThat(progress).allSatisfy(p -> assertThat(p.totalSteps()).isEqualTo(4));
    assertThat(progress.get(3).etaSeconds()).isZero();
    assertThat(result.adapterDir()).isEqualTo(dir.resolve("out/adapter"));
    assertThat(result.adapterDir().resolve("adapter_config.json")).isRegularFile();
    assertThat(result.adapterDir().resolve("adapter_model.safetensors")).isRegularFile();
    assertThat(HfCheckpoint.open(result.mergedModelDir()).config().hiddenSize()).isEqualTo(64);
    assertThat(result.metrics())
        .containsKeys("train_loss", "eval_loss", "base_eval_loss", "steps", "tokens_per_second");
    assertThat(result.metrics().keySet()).allMatch(k -> k.matches("[A-Za-z0-9_/:-]+"));
  }

  @Test
  void epochsDecideTheStepsWhenMaxStepsIsUnset() {
    Hyperparameters threeEpochs =
        new Hyperparameters(null, 3, 4, 0, null, null, null, null).withDefaults();
    assertThat(LlmCoreFineTuner.steps(threeEpochs, 10)).isEqualTo(9);
    Hyperparameters capped =
        new Hyperparameters(null, 3, 4, 5, null, null, null, null).withDefaults();
    assertThat(LlmCoreFineTuner.steps(capped, 10)).isEqualTo(5);
  }

  @Test
  void cancellationStopsBetweenStepsAndResumeContinuesFromTheCheckpoint() {
    List<TrainingProgress> progress = new ArrayList<>();
    AtomicReference<Path> checkpoint = new AtomicReference<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void onProgress(TrainingProgress p) {
            progress.add(p);
          }

          @Override
          public void onCheckpoint(Path path) {
            checkpoint.set(path);
          }
        };
    assertThatThrownBy(
            () ->
                tuner(2)
                    .fineTune(
                        request(FineTuningMethod.LORA, hp(6, 0, 128), null),
                        listener,
                        () -> progress.size() >= 2))
        .isInstanceOf(FineTuningCancelledException.class)
        .hasMessageContaining("job-1");
    assertThat(progress).hasSize(2);
    assertThat(checkpoint.get()).isNotNull();
    assertThat(dir.resolve("out/adapter")).doesNotExist();

    progress.clear();
    tuner(2)
        .fineTune(
            request(FineTuningMethod.LORA, hp(6, 0, 128), checkpoint.get()), listener, () -> false);
    assertThat(progress).extracting(TrainingProgress::step).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void aMissingBaseModelFailsWithAReadableReason() {
    FineTuneRequest r =
        new FineTuneRequest(
            "job-1",
            dir.resolve("nowhere"),
            FineTuningMethod.LORA,
            hp(2, 0, 128),
            samples(),
            List.of(),
            dir.resolve("out"),
            null);
    assertThatThrownBy(() -> tuner(0).fineTune(r, p -> {}, () -> false))
        .isInstanceOf(FineTuningException.class)
        .hasMessageContaining("has no config.json");
  }

  @Test
  void samplesLongerThanTheSequenceLimitLeaveNothingToTrainOn() {
    assertThatThrownBy(
            () ->
                tuner(0)
                    .fineTune(
                        request(FineTuningMethod.LORA, hp(2, 0, 16), null), p -> {}, () -> false))
        .isInstanceOf(FineTuningException.class)
        .hasMessageContaining("maxSequenceLength 16");
  }

  private static LlmCoreFineTuner tuner(int checkpointEvery) {
    return new LlmCoreFineTuner(new LoraProperties(1, checkpointEvery, 0.0, 0.0, 1));
  }

  private static Hyperparameters hp(int maxSteps, int epochs, int maxSequenceLength) {
    return new Hyperparameters(
            0.01, epochs == 0 ? null : epochs, 4, maxSteps, 4, 8, maxSequenceLength, 9L)
        .withDefaults();
  }

  private FineTuneRequest request(FineTuningMethod method, Hyperparameters hp, Path resumeFrom) {
    return new FineTuneRequest(
        "job-1",
        base,
        method,
        hp,
        samples(),
        samples().subList(0, 3),
        dir.resolve("out"),
        resumeFrom);
  }

  private static List<InstructionSample> samples() {
    List<InstructionSample> out = new ArrayList<>();
    for (String topic : List.of("java", "python", "rust", "spring", "model", "data", "code")) {
      out.add(
          new InstructionSample(
              "write a post about " + topic, "", "i think " + topic + " is simple and fast ."));
    }
    return out;
  }
}
