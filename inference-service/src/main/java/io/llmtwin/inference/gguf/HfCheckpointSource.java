package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.WeightStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A Hugging Face checkpoint directory as a {@link CheckpointSource}: {@code config.json}, {@code
 * tokenizer.json} (and optional {@code tokenizer_config.json}), and {@code model.safetensors} or
 * shards listed in {@code model.safetensors.index.json}. Config and weights are read by
 * llm-checkpoint's {@link HfCheckpoint}; this class adds the GGUF tokenizer translation and maps
 * every checkpoint problem to {@link UnsupportedCheckpointException}. Close it to release the
 * weight files.
 */
public final class HfCheckpointSource implements CheckpointSource, AutoCloseable {

  private final HfCheckpoint checkpoint;
  private final GgufVocabulary vocabulary;
  private final WeightStore weights;

  private HfCheckpointSource(
      HfCheckpoint checkpoint, GgufVocabulary vocabulary, WeightStore weights) {
    this.checkpoint = checkpoint;
    this.vocabulary = vocabulary;
    this.weights = weights;
  }

  /**
   * Opens a checkpoint directory.
   *
   * @throws UnsupportedCheckpointException when a file is missing or describes a model this
   *     converter cannot translate
   */
  public static HfCheckpointSource open(Path directory) throws IOException {
    if (!Files.isRegularFile(directory.resolve(LlamaConfig.FILE))) {
      throw new UnsupportedCheckpointException("missing " + LlamaConfig.FILE + " in " + directory);
    }
    HfCheckpoint checkpoint;
    try {
      checkpoint = HfCheckpoint.open(directory);
    } catch (UnsupportedCheckpointException e) {
      throw e;
    } catch (CheckpointException e) {
      throw new UnsupportedCheckpointException(e.getMessage(), e);
    }
    LlamaConfig config = GgufConverter.requireConvertible(checkpoint.config());
    ObjectMapper json = new ObjectMapper();
    JsonNode tokenizer = readJson(json, checkpoint.tokenizerFile(), true);
    JsonNode tokenizerConfig =
        readJson(json, directory.resolve(HfCheckpoint.TOKENIZER_CONFIG_FILE), false);
    GgufVocabulary vocabulary = HfTokenizerTranslator.translate(tokenizer, tokenizerConfig, config);
    try {
      return new HfCheckpointSource(checkpoint, vocabulary, checkpoint.weights());
    } catch (UnsupportedCheckpointException e) {
      throw e;
    } catch (CheckpointException e) {
      throw new UnsupportedCheckpointException(e.getMessage(), e);
    }
  }

  private static JsonNode readJson(ObjectMapper json, Path file, boolean required)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      if (required) {
        throw new UnsupportedCheckpointException(
            "missing " + file.getFileName() + " in " + file.getParent());
      }
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(Files.readString(file));
    } catch (tools.jackson.core.JacksonException e) {
      throw new UnsupportedCheckpointException(file.getFileName() + " is not valid JSON", e);
    }
  }

  @Override
  public LlamaConfig config() {
    return checkpoint.config();
  }

  @Override
  public GgufVocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public List<String> tensorNames() {
    return new ArrayList<>(weights.names());
  }

  @Override
  public HostTensor tensor(String name) throws IOException {
    if (!weights.contains(name)) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    try {
      return weights.read(name);
    } catch (UnsupportedCheckpointException e) {
      throw e;
    } catch (CheckpointException e) {
      throw new UnsupportedCheckpointException(e.getMessage(), e);
    }
  }

  @Override
  public long[] shape(String name) {
    if (!weights.contains(name)) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    return weights.shape(name);
  }

  @Override
  public void close() {
    weights.close();
  }
}
