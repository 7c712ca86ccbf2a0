package io.llmtwin.llm.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A Hugging Face model directory: {@code config.json}, weights ({@code model.safetensors} or a
 * sharded index), {@code tokenizer.json} and optionally {@code generation_config.json}.
 *
 * @param dir the directory
 * @param config the architecture
 * @param generation sampling defaults
 */
public record HfCheckpoint(Path dir, LlamaConfig config, GenerationConfig generation) {

  /** File name of the Hugging Face tokenizer inside a checkpoint directory. */
  public static final String TOKENIZER_FILE = "tokenizer.json";

  /** File name of the optional tokenizer settings (special tokens, add_bos_token, ...). */
  public static final String TOKENIZER_CONFIG_FILE = "tokenizer_config.json";

  /** Reads the configuration files of a directory; weights are opened with {@link #weights()}. */
  public static HfCheckpoint open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CheckpointException(
          "model path "
              + dir.toAbsolutePath()
              + " is not a directory (download by hub id is"
              + " not available offline: point to a local Hugging Face checkpoint directory)");
    }
    LlamaConfig config = LlamaConfig.read(dir);
    return new HfCheckpoint(dir, config, GenerationConfig.read(dir, config));
  }

  /** Opens the weights; the caller closes the store. */
  public WeightStore weights() {
    return Safetensors.openCheckpoint(dir);
  }

  /** The checkpoint's {@code tokenizer.json}. */
  public Path tokenizerFile() {
    return dir.resolve(TOKENIZER_FILE);
  }

  /**
   * Writes a complete checkpoint directory: config, generation config, weights (single file) and a
   * copy of {@code tokenizerJson}.
   */
  public static HfCheckpoint write(
      Path dir,
      LlamaConfig config,
      GenerationConfig generation,
      Map<String, HostTensor> weights,
      TensorDType dtype,
      Path tokenizerJson) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(LlamaConfig.FILE), config.toJson());
      Files.writeString(dir.resolve(GenerationConfig.FILE), generation.toJson());
      Files.copy(tokenizerJson, dir.resolve(TOKENIZER_FILE), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CheckpointException("cannot write checkpoint " + dir, e);
    }
    Safetensors.write(dir.resolve(Safetensors.MODEL_FILE), weights, dtype, Map.of("format", "pt"));
    return new HfCheckpoint(dir, config, generation);
  }
}
