package io.llmtwin.llm.export;

import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.model.LlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a model with its adapters merged ({@code W + alpha/r · B·A}; NF4 bases dequantised) as a
 * plain Hugging Face checkpoint: config, generation config, weights and the base's tokenizer.
 */
public final class MergedExport {

  /** Tokenizer side files copied along when the base has them. */
  static final List<String> TOKENIZER_EXTRAS =
      List.of(HfCheckpoint.TOKENIZER_CONFIG_FILE, "special_tokens_map.json", "chat_template.jinja");

  private MergedExport() {}

  /** Writes the merged checkpoint to {@code dir} and returns it opened. */
  public static HfCheckpoint write(
      Path dir, LlamaModel model, HfCheckpoint base, TensorDType dtype) {
    HfCheckpoint merged =
        HfCheckpoint.write(
            dir,
            model.config(),
            base.generation(),
            model.effectiveWeights(),
            dtype,
            base.tokenizerFile());
    for (String extra : TOKENIZER_EXTRAS) {
      Path source = base.dir().resolve(extra);
      if (Files.isRegularFile(source)) {
        try {
          Files.copy(source, dir.resolve(extra), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new CheckpointException("cannot copy " + extra + " to " + dir, e);
        }
      }
    }
    return merged;
  }
}
