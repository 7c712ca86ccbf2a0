package io.llmtwin.llm.export;

import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.checkpoint.WeightStore;
import io.llmtwin.llm.lora.LoraAdapters;
import io.llmtwin.llm.lora.LoraConfig;
import io.llmtwin.llm.model.LlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes LoRA adapters in Hugging Face PEFT's format: {@code adapter_config.json} and
 * {@code adapter_model.safetensors} with tensor names such as {@code
 * base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}.
 */
public final class PeftAdapter {

  /** Config file name. */
  public static final String CONFIG_FILE = "adapter_config.json";

  /** Weights file name. */
  public static final String WEIGHTS_FILE = "adapter_model.safetensors";

  static final String PREFIX = "base_model.model.";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PeftAdapter() {}

  /**
   * An adapter read from disk.
   *
   * @param config hyper-parameters
   * @param weights tensors by module path ({@code model.layers.0.self_attn.q_proj.lora_A.weight})
   * @param baseModel {@code base_model_name_or_path}
   */
  public record Adapter(LoraConfig config, Map<String, HostTensor> weights, String baseModel) {}

  /** Writes {@code adapters} into {@code dir}. */
  public static void save(Path dir, LoraAdapters adapters, String baseModel) {
    LoraConfig c = adapters.config();
    ObjectNode n = JSON.createObjectNode();
    n.putObject("alpha_pattern");
    n.putNull("auto_mapping");
    n.put("base_model_name_or_path", baseModel);
    n.put("bias", "none");
    n.put("fan_in_fan_out", false);
    n.put("inference_mode", true);
    n.put("init_lora_weights", true);
    n.putNull("layers_pattern");
    n.putNull("layers_to_transform");
    n.put("lora_alpha", c.alpha());
    n.put("lora_dropout", c.dropout());
    n.putNull("modules_to_save");
    n.put("peft_type", "LORA");
    n.put("r", c.rank());
    n.putObject("rank_pattern");
    n.putNull("revision");
    var targets = n.putArray("target_modules");
    c.targetModules().forEach(targets::add);
    n.put("task_type", "CAUSAL_LM");
    n.put("use_dora", false);
    n.put("use_rslora", false);
    Map<String, HostTensor> named = new LinkedHashMap<>();
    adapters.weights().forEach((k, v) -> named.put(PREFIX + k, v));
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(CONFIG_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    } catch (IOException e) {
      throw new CheckpointException("cannot write adapter to " + dir, e);
    }
    Safetensors.write(dir.resolve(WEIGHTS_FILE), named, TensorDType.F32, Map.of("format", "pt"));
  }

  /** Reads an adapter directory written by this class or by PEFT. */
  public static Adapter read(Path dir) {
    JsonNode n;
    try {
      n = JSON.readTree(Files.readString(dir.resolve(CONFIG_FILE)));
    } catch (IOException | JacksonException e) {
      throw new CheckpointException("cannot read " + dir.resolve(CONFIG_FILE), e);
    }
    if (!n.path("peft_type").asString("").equals("LORA")) {
      throw new CheckpointException("not a LoRA adapter: peft_type " + n.path("peft_type"));
    }
    if (n.path("use_rslora").asBoolean(false) || n.path("use_dora").asBoolean(false)) {
      throw new CheckpointException("rsLoRA and DoRA adapters are not supported");
    }
    if (!n.path("bias").asString("none").equals("none")) {
      throw new CheckpointException("adapters with trained biases are not supported");
    }
    List<String> targets = new ArrayList<>();
    JsonNode t = n.path("target_modules");
    if (t.isArray()) {
      t.forEach(x -> targets.add(x.asString()));
    } else if (t.asString("").equals("all-linear")) {
      targets.addAll(LoraConfig.ALL_PROJECTIONS);
    } else {
      targets.add(t.asString());
    }
    LoraConfig config =
        new LoraConfig(
            n.path("r").asInt(),
            n.path("lora_alpha").asDouble(),
            n.path("lora_dropout").asDouble(0),
            targets);
    Map<String, HostTensor> weights = new LinkedHashMap<>();
    try (WeightStore store = Safetensors.open(dir.resolve(WEIGHTS_FILE))) {
      for (String name : store.names()) {
        String key = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        key = key.replace(".lora_A.default.", ".lora_A.").replace(".lora_B.default.", ".lora_B.");
        weights.put(key, store.read(name));
      }
    }
    return new Adapter(config, weights, n.path("base_model_name_or_path").asString(""));
  }

  /** Reads an adapter and attaches it to {@code model}. */
  public static LoraAdapters load(Path dir, LlamaModel model) {
    Adapter a = read(dir);
    return LoraAdapters.attach(model, a.config(), a.weights());
  }
}
