package io.llmtwin.training.job;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link FineTuner} produced.
 *
 * @param adapterDir directory with the LoRA adapter
 * @param mergedModelDir directory with the merged model
 * @param metrics final metrics, e.g. {@code train_loss}, {@code eval_loss}
 */
public record FineTuneResult(Path adapterDir, Path mergedModelDir, Map<String, Double> metrics) {

  /** Copies the metrics. */
  public FineTuneResult {
    metrics = Map.copyOf(metrics);
  }
}
