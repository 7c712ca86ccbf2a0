package io.llmtwin.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.model.DecoderLayer;
import io.llmtwin.llm.model.LinearLayer;
import io.llmtwin.llm.model.LlamaModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Attaches LoRA adapters to a model's projections. Module names are the Hugging Face paths, e.g.
 * {@code model.layers.0.self_attn.q_proj}; A is initialised Kaiming-uniform (bound 1/√in) and B
 * with zeros, so a fresh adapter leaves the model's output unchanged.
 */
public final class LoraAdapters {

  private final LoraConfig config;
  private final Map<String, LoraLinear> modules;

  private LoraAdapters(LoraConfig config, Map<String, LoraLinear> modules) {
    this.config = config;
    this.modules = modules;
  }

  /** Adds freshly initialised adapters to every targeted projection. */
  public static LoraAdapters attach(LlamaModel model, LoraConfig config, long seed) {
    Random rnd = new Random(seed);
    return attach(
        model,
        config,
        (name, base) -> {
          int r = config.rank();
          float[] a = new float[r * base.inFeatures()];
          double bound = 1.0 / Math.sqrt(base.inFeatures());
          for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
          }
          return new HostTensor[] {
            new HostTensor(new long[] {r, base.inFeatures()}, a),
            new HostTensor(new long[] {base.outFeatures(), r}, new float[base.outFeatures() * r])
          };
        });
  }

  /**
   * Adds adapters with given weights; {@code weights} maps {@code <module>.lora_A.weight} and
   * {@code <module>.lora_B.weight} to tensors.
   */
  public static LoraAdapters attach(
      LlamaModel model, LoraConfig config, Map<String, HostTensor> weights) {
    return attach(
        model,
        config,
        (name, base) -> {
          HostTensor a = weights.get(name + ".lora_A.weight");
          HostTensor b = weights.get(name + ".lora_B.weight");
          if (a == null || b == null) {
            throw new CheckpointException("adapter lacks lora_A/lora_B for " + name);
          }
          long[] as = {config.rank(), base.inFeatures()};
          long[] bs = {base.outFeatures(), config.rank()};
          if (!java.util.Arrays.equals(a.shape(), as) || !java.util.Arrays.equals(b.shape(), bs)) {
            throw new CheckpointException("adapter shapes for " + name + " do not match the model");
          }
          return new HostTensor[] {a, b};
        });
  }

  private interface Init {
    HostTensor[] weights(String module, LinearLayer base);
  }

  private static LoraAdapters attach(LlamaModel model, LoraConfig config, Init init) {
    NDManager m = model.manager();
    Map<String, LoraLinear> modules = new LinkedHashMap<>();
    for (int i = 0; i < model.layers().size(); i++) {
      DecoderLayer layer = model.layers().get(i);
      for (String p : DecoderLayer.PROJECTIONS) {
        if (!config.targets(p)) {
          continue;
        }
        String name = "model.layers." + i + "." + p;
        LinearLayer base = layer.projection(p);
        if (base instanceof LoraLinear) {
          throw new IllegalStateException(name + " already has an adapter");
        }
        HostTensor[] ab = init.weights(name, base);
        NDArray a = m.create(ab[0].data(), new Shape(ab[0].shape()));
        NDArray b = m.create(ab[1].data(), new Shape(ab[1].shape()));
        LoraLinear lora = new LoraLinear(base, a, b, config.scaling(), config.dropout());
        layer.setProjection(p, lora);
        modules.put(name, lora);
      }
    }
    return new LoraAdapters(config, modules);
  }

  /** The hyper-parameters. */
  public LoraConfig config() {
    return config;
  }

  /** Adapted modules by Hugging Face path. */
  public Map<String, LoraLinear> modules() {
    return Collections.unmodifiableMap(modules);
  }

  /** Adapter tensors by {@code <module>.lora_A.weight} / {@code .lora_B.weight}. */
  public Map<String, HostTensor> weights() {
    Map<String, HostTensor> w = new LinkedHashMap<>();
    modules.forEach(
        (name, l) -> {
          w.put(name + ".lora_A.weight", LlamaModel.toHost(l.loraA()));
          w.put(name + ".lora_B.weight", LlamaModel.toHost(l.loraB()));
        });
    return w;
  }

  /** Number of trainable adapter parameters. */
  public long parameterCount() {
    return modules.values().stream().mapToLong(l -> l.loraA().size() + l.loraB().size()).sum();
  }
}
