package io.llmtwin.training;

import io.llmtwin.training.job.FineTuneRequest;
import io.llmtwin.training.job.FineTuneResult;
import io.llmtwin.training.job.FineTuner;
import io.llmtwin.training.job.FineTuningCancelledException;
import io.llmtwin.training.job.FineTuningException;
import io.llmtwin.training.job.ProgressListener;
import io.llmtwin.training.job.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Test double of the llm-core trainer: five steps with falling loss, writes a fake adapter and
 * merged model; base model {@code fail} fails, base model {@code slow} waits for cancellation.
 */
public final class FakeFineTuner implements FineTuner {
  public final AtomicReference<FineTuneRequest> last = new AtomicReference<>();

  @Override
  public FineTuneResult fineTune(
      FineTuneRequest request, ProgressListener listener, BooleanSupplier cancelled) {
    last.set(request);
    if (request.baseModel().toString().equals("fail")) {
      throw new FineTuningException("base model fail has no config.json");
    }
    int steps = 5;
    for (int step = 1; step <= steps; step++) {
      if (request.baseModel().toString().equals("slow")) {
        while (!cancelled.getAsBoolean()) {
          Thread.onSpinWait();
          pause(20);
        }
      }
      if (cancelled.getAsBoolean()) {
        throw new FineTuningCancelledException(request.jobId());
      }
      listener.onProgress(new TrainingProgress(step, steps, 2.0 / step, 1000 + step, steps - step));
      pause(60);
    }
    try {
      Path adapter = Files.createDirectories(request.outputDir().resolve("adapter"));
      Files.writeString(
          adapter.resolve("adapter_config.json"),
          "{\"r\":" + request.hyperparameters().loraRank() + "}");
      Files.write(adapter.resolve("adapter.safetensors"), new byte[] {1, 2, 3});
      Path merged = Files.createDirectories(request.outputDir().resolve("merged"));
      Files.write(merged.resolve("model.safetensors"), new byte[] {4, 5, 6, 7});
      return new FineTuneResult(adapter, merged, Map.of("train_loss", 0.4, "eval_loss", 0.5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FineTuningCancelledException("interrupted");
    }
  }
}
