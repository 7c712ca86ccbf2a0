package io.llmtwin.llm.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sampling defaults of a checkpoint's {@code generation_config.json}.
 *
 * @param doSample whether sampling (rather than greedy decoding) is the default
 * @param temperature sampling temperature
 * @param topP nucleus probability mass
 * @param maxNewTokens default limit on generated tokens
 * @param bosTokenId beginning-of-sequence id, -1 when none
 * @param eosTokenIds ids that end generation
 */
public record GenerationConfig(
    boolean doSample,
    double temperature,
    double topP,
    int maxNewTokens,
    int bosTokenId,
    List<Integer> eosTokenIds) {

  /** File name inside a checkpoint directory. */
  public static final String FILE = "generation_config.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Copies the id list. */
  public GenerationConfig {
    eosTokenIds = List.copyOf(eosTokenIds);
  }

  /** Defaults derived from the model config, used when no generation_config.json exists. */
  public static GenerationConfig defaults(LlamaConfig config) {
    return new GenerationConfig(false, 1.0, 1.0, 256, config.bosTokenId(), config.eosTokenIds());
  }

  /** Reads the file of a checkpoint directory, or falls back to {@link #defaults}. */
  public static GenerationConfig read(Path dir, LlamaConfig config) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return defaults(config);
    }
    try {
      JsonNode n = JSON.readTree(Files.readString(file));
      List<Integer> eos = LlamaConfig.ids(n.path("eos_token_id"));
      return new GenerationConfig(
          n.path("do_sample").asBoolean(false),
          n.path("temperature").asDouble(1.0),
          n.path("top_p").asDouble(1.0),
          n.path("max_new_tokens").asInt(256),
          n.path("bos_token_id").isNumber() ? n.get("bos_token_id").asInt() : config.bosTokenId(),
          eos.isEmpty() ? config.eosTokenIds() : eos);
    } catch (IOException | JacksonException e) {
      throw new CheckpointException("cannot read " + file, e);
    }
  }

  /** Renders this as {@code generation_config.json}. */
  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("do_sample", doSample);
    n.put("temperature", temperature);
    n.put("top_p", topP);
    n.put("max_new_tokens", maxNewTokens);
    if (bosTokenId >= 0) {
      n.put("bos_token_id", bosTokenId);
    }
    var arr = n.putArray("eos_token_id");
    eosTokenIds.forEach(arr::add);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
  }
}
