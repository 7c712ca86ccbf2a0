package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.checkpoint.WeightStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Converts a PEFT LoRA adapter directory ({@code adapter_config.json} + {@code
 * adapter_model.safetensors}) into a GGUF LoRA adapter that llama.cpp applies to a base model at
 * load time ({@code general.type=adapter}, {@code adapter.type=lora}, {@code adapter.lora.alpha};
 * tensors {@code blk.N.attn_q.weight.lora_a} / {@code .lora_b}).
 *
 * <p>llama.cpp scales each update by {@code alpha / r} like PEFT. {@code lora_B} of {@code q_proj}
 * and {@code k_proj} gets the same per-head row permutation as the base weights, since B produces
 * the rotated output rows. rsLoRA ({@code alpha / sqrt(r)}) is mapped by storing {@code alpha ·
 * sqrt(r)}.
 */
public final class GgufLoraConverter {

  private static final Pattern PEFT_NAME =
      Pattern.compile("base_model\\.model\\.(.+)\\.lora_([AB])\\.weight");

  /** What a conversion produced. */
  public record Result(Path file, int rank, double alpha, int adaptedMatrices) {}

  /**
   * Converts the adapter in {@code peftDirectory} for a base model with {@code base} parameters.
   *
   * @param type F32 or F16 (llama.cpp adds the low-rank product in that precision)
   */
  public Result convert(Path peftDirectory, LlamaConfig base, Path target, GgmlType type)
      throws IOException {
    return convert(peftDirectory, base, target, type, 1.0);
  }

  /**
   * Converts the adapter with its effect scaled by {@code scale} (folded into the stored alpha,
   * since the binding can only apply adapters at scale 1).
   */
  public Result convert(
      Path peftDirectory, LlamaConfig base, Path target, GgmlType type, double scale)
      throws IOException {
    if (type != GgmlType.F32 && type != GgmlType.F16) {
      throw new IllegalArgumentException("LoRA tensors are written as F32 or F16, not " + type);
    }
    ObjectMapper json = new ObjectMapper();
    Path configFile = peftDirectory.resolve("adapter_config.json");
    Path weightsFile = peftDirectory.resolve("adapter_model.safetensors");
    if (!Files.isRegularFile(configFile) || !Files.isRegularFile(weightsFile)) {
      throw new UnsupportedCheckpointException(
          peftDirectory + " needs adapter_config.json and adapter_model.safetensors");
    }
    JsonNode config;
    try {
      config = json.readTree(Files.readString(configFile));
    } catch (JacksonException e) {
      throw new UnsupportedCheckpointException("adapter_config.json is not valid JSON", e);
    }
    if (!config.path("peft_type").asString("LORA").equals("LORA")) {
      throw new UnsupportedCheckpointException(
          "only LoRA adapters are supported, not " + config.path("peft_type").asString());
    }
    int rank = config.path("r").asInt(0);
    if (rank <= 0) {
      throw new UnsupportedCheckpointException("adapter_config.json lacks a positive 'r'");
    }
    double alpha = config.path("lora_alpha").asDouble(rank);
    double storedAlpha =
        scale * (config.path("use_rslora").asBoolean(false) ? alpha * Math.sqrt(rank) : alpha);

    try (WeightStore weights = Safetensors.open(weightsFile)) {
      Map<String, String[]> pairs = new TreeMap<>();
      for (String name : weights.names()) {
        Matcher m = PEFT_NAME.matcher(name);
        if (!m.matches()) {
          throw new UnsupportedCheckpointException("unexpected adapter tensor " + name);
        }
        String[] pair = pairs.computeIfAbsent(m.group(1), k -> new String[2]);
        pair[m.group(2).equals("A") ? 0 : 1] = name;
      }

      GgufWriter writer = new GgufWriter();
      writer.put("general.architecture", "llama");
      writer.put("general.type", "adapter");
      writer.put("general.name", peftDirectory.getFileName().toString());
      writer.put("general.alignment", 32);
      writer.put("adapter.type", "lora");
      writer.put("adapter.lora.alpha", (float) storedAlpha);
      for (Map.Entry<String, String[]> e : pairs.entrySet()) {
        String module = e.getKey();
        String aName = e.getValue()[0];
        String bName = e.getValue()[1];
        if (aName == null || bName == null) {
          throw new UnsupportedCheckpointException(module + " lacks lora_A or lora_B");
        }
        long[] aShape = weights.shape(aName);
        long[] bShape = weights.shape(bName);
        if (aShape.length != 2 || bShape.length != 2 || aShape[0] != rank || bShape[1] != rank) {
          throw new UnsupportedCheckpointException(
              module + ": lora_A/lora_B shapes do not match r=" + rank);
        }
        String ggufBase = GgufConverter.ggufName(module + ".weight");
        writer.addTensor(
            ggufBase + ".lora_a",
            new long[] {aShape[1], aShape[0]},
            type,
            () -> GgmlQuantizer.encode(type, weights.read(aName).data(), aShape[1]));
        writer.addTensor(
            ggufBase + ".lora_b",
            new long[] {bShape[1], bShape[0]},
            type,
            () -> {
              float[] b = weights.read(bName).data();
              if (module.endsWith(".q_proj")) {
                b = GgufConverter.permuteRotaryRows(b, base.numAttentionHeads(), rank);
              } else if (module.endsWith(".k_proj")) {
                b = GgufConverter.permuteRotaryRows(b, base.numKeyValueHeads(), rank);
              }
              return GgmlQuantizer.encode(type, b, rank);
            });
      }
      writer.writeAtomically(target);
      return new Result(target, rank, alpha, pairs.size());
    } catch (UnsupportedCheckpointException e) {
      throw e;
    } catch (CheckpointException e) {
      throw new UnsupportedCheckpointException(e.getMessage(), e);
    }
  }
}
