package io.llmtwin.llm.export;

import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.model.LlamaModel;
import java.nio.file.Path;

/**
 * Writes a model with its adapters merged ({@code W + alpha/r · B·A}; NF4 bases dequantised) as a
 * plain Hugging Face checkpoint: config, generation config, weights and the base's tokenizer.
 */
public final class MergedExport {

  private MergedExport() {}

  /** Writes the merged checkpoint to {@code dir} and returns it opened. */
  public static HfCheckpoint write(
      Path dir, LlamaModel model, HfCheckpoint base, TensorDType dtype) {
    return HfCheckpoint.write(
        dir,
        model.config(),
        base.generation(),
        model.effectiveWeights(),
        dtype,
        base.dir().resolve(LlmTokenizer.FILE));
  }
}
