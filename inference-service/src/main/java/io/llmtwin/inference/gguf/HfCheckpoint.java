package io.llmtwin.inference.gguf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A Hugging Face checkpoint directory: {@code config.json}, {@code tokenizer.json} (and optional
 * {@code tokenizer_config.json}), and {@code model.safetensors} or shards listed in {@code
 * model.safetensors.index.json}.
 */
public final class HfCheckpoint implements CheckpointSource {

  private final LlamaConfig config;
  private final GgufVocabulary vocabulary;
  private final Map<String, SafetensorsReader> shardOf;

  private HfCheckpoint(
      LlamaConfig config, GgufVocabulary vocabulary, Map<String, SafetensorsReader> shardOf) {
    this.config = config;
    this.vocabulary = vocabulary;
    this.shardOf = shardOf;
  }

  /**
   * Opens a checkpoint directory.
   *
   * @throws UnsupportedCheckpointException when a file is missing or describes an unsupported model
   */
  public static HfCheckpoint open(Path directory) throws IOException {
    ObjectMapper json = new ObjectMapper();
    LlamaConfig config =
        LlamaConfig.fromHuggingFace(readJson(json, directory.resolve("config.json"), true));
    JsonNode tokenizer = readJson(json, directory.resolve("tokenizer.json"), true);
    JsonNode tokenizerConfig = readJson(json, directory.resolve("tokenizer_config.json"), false);
    GgufVocabulary vocabulary = HfTokenizerTranslator.translate(tokenizer, tokenizerConfig, config);

    Map<String, SafetensorsReader> shardOf = new LinkedHashMap<>();
    Path single = directory.resolve("model.safetensors");
    Path index = directory.resolve("model.safetensors.index.json");
    if (Files.isRegularFile(single)) {
      SafetensorsReader reader = SafetensorsReader.open(single, json);
      reader.entries().keySet().forEach(name -> shardOf.put(name, reader));
    } else if (Files.isRegularFile(index)) {
      Map<String, SafetensorsReader> readers = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e :
          readJson(json, index, true).path("weight_map").properties()) {
        String shard = e.getValue().asString();
        Path shardPath = directory.resolve(shard).normalize();
        if (!shardPath.startsWith(directory.normalize())) {
          throw new UnsupportedCheckpointException(
              "shard path escapes the checkpoint directory: " + shard);
        }
        SafetensorsReader reader = readers.get(shard);
        if (reader == null) {
          reader = SafetensorsReader.open(shardPath, json);
          readers.put(shard, reader);
        }
        shardOf.put(e.getKey(), reader);
      }
    } else {
      throw new UnsupportedCheckpointException(
          directory + " holds neither model.safetensors nor model.safetensors.index.json");
    }
    return new HfCheckpoint(config, vocabulary, shardOf);
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
    return config;
  }

  @Override
  public GgufVocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public List<String> tensorNames() {
    return new ArrayList<>(shardOf.keySet());
  }

  @Override
  public FloatTensor tensor(String name) throws IOException {
    SafetensorsReader reader = shardOf.get(name);
    if (reader == null) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    return reader.read(name);
  }

  @Override
  public long[] shape(String name) {
    SafetensorsReader reader = shardOf.get(name);
    if (reader == null) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    return reader.entries().get(name).shape().clone();
  }
}
