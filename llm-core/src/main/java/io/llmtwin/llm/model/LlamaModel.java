package io.llmtwin.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.WeightStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Llama-family decoder (Llama, Mistral, Qwen2, SmolLM) written with raw DJL NDArray operations:
 * token embedding, RMSNorm, rotary embeddings (with linear/llama3 scaling), grouped-query attention
 * with a causal mask and optional q/k/v/o bias, SwiGLU MLP, final norm and a tied or separate LM
 * head. Every base weight is created without gradients, so it stays frozen unless made trainable
 * explicitly; see ADR 0030.
 */
public final class LlamaModel implements AutoCloseable {

  private final LlamaConfig config;
  private final NDManager manager;
  private final NDArray embed;
  private final List<DecoderLayer> layers;
  private final NDArray finalNorm;
  private final DenseLinear lmHead;
  private final double[] inverseFrequencies;
  private boolean fullyTrainable;

  private LlamaModel(
      LlamaConfig config,
      NDManager manager,
      NDArray embed,
      List<DecoderLayer> layers,
      NDArray finalNorm,
      DenseLinear lmHead) {
    this.config = config;
    this.manager = manager;
    this.embed = embed;
    this.layers = layers;
    this.finalNorm = finalNorm;
    this.lmHead = lmHead;
    this.inverseFrequencies =
        config.ropeScaling().inverseFrequencies(config.headDim(), config.ropeTheta());
  }

  /**
   * Loads a checkpoint's weights into a new child manager of {@code parent}, one tensor at a time
   * (no second full copy of the weights in Java memory).
   */
  public static LlamaModel load(HfCheckpoint checkpoint, NDManager parent) {
    try (WeightStore store = checkpoint.weights()) {
      return build(checkpoint.config(), store::contains, store::read, parent);
    }
  }

  /** Builds a model from Hugging Face–named weights. */
  public static LlamaModel fromWeights(
      LlamaConfig c, Map<String, HostTensor> weights, NDManager parent) {
    return build(c, weights::containsKey, weights::get, parent);
  }

  private static LlamaModel build(
      LlamaConfig c,
      java.util.function.Predicate<String> has,
      java.util.function.Function<String, HostTensor> read,
      NDManager parent) {
    java.util.function.Function<String, HostTensor> weights =
        name -> has.test(name) ? read.apply(name) : null;
    NDManager m = parent.newSubManager();
    try {
      NDArray embed =
          tensor(m, weights, "model.embed_tokens.weight", c.vocabSize(), c.hiddenSize());
      int q = c.numAttentionHeads() * c.headDim();
      int kv = c.numKeyValueHeads() * c.headDim();
      int h = c.hiddenSize();
      int ff = c.intermediateSize();
      List<DecoderLayer> layers = new ArrayList<>();
      for (int i = 0; i < c.numHiddenLayers(); i++) {
        String p = "model.layers." + i + ".";
        Map<String, LinearLayer> proj = new LinkedHashMap<>();
        proj.put("self_attn.q_proj", dense(m, weights, p + "self_attn.q_proj", q, h, c.qkvBias()));
        proj.put("self_attn.k_proj", dense(m, weights, p + "self_attn.k_proj", kv, h, c.qkvBias()));
        proj.put("self_attn.v_proj", dense(m, weights, p + "self_attn.v_proj", kv, h, c.qkvBias()));
        proj.put(
            "self_attn.o_proj", dense(m, weights, p + "self_attn.o_proj", h, q, c.outputBias()));
        proj.put("mlp.gate_proj", dense(m, weights, p + "mlp.gate_proj", ff, h, false));
        proj.put("mlp.up_proj", dense(m, weights, p + "mlp.up_proj", ff, h, false));
        proj.put("mlp.down_proj", dense(m, weights, p + "mlp.down_proj", h, ff, false));
        layers.add(
            new DecoderLayer(
                tensor(m, weights, p + "input_layernorm.weight", h),
                tensor(m, weights, p + "post_attention_layernorm.weight", h),
                proj));
      }
      NDArray norm = tensor(m, weights, "model.norm.weight", h);
      DenseLinear head =
          c.tieWordEmbeddings() && !has.test("lm_head.weight")
              ? new DenseLinear(embed, null)
              : new DenseLinear(tensor(m, weights, "lm_head.weight", c.vocabSize(), h), null);
      return new LlamaModel(c, m, embed, layers, norm, head);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private static DenseLinear dense(
      NDManager m,
      java.util.function.Function<String, HostTensor> w,
      String name,
      int out,
      int in,
      boolean bias) {
    NDArray weight = tensor(m, w, name + ".weight", out, in);
    NDArray b = bias ? tensor(m, w, name + ".bias", out) : null;
    return new DenseLinear(weight, b);
  }

  private static NDArray tensor(
      NDManager m, java.util.function.Function<String, HostTensor> w, String name, long... shape) {
    HostTensor t = w.apply(name);
    if (t == null) {
      throw new CheckpointException("checkpoint lacks tensor " + name);
    }
    if (!java.util.Arrays.equals(t.shape(), shape)) {
      throw new CheckpointException(
          "tensor "
              + name
              + " has shape "
              + java.util.Arrays.toString(t.shape())
              + ", config expects "
              + java.util.Arrays.toString(shape));
    }
    NDArray a = m.create(t.data(), new Shape(shape));
    a.setName(name);
    return a;
  }

  /** The architecture. */
  public LlamaConfig config() {
    return config;
  }

  /** The manager owning the weights (adapters should live in children of it). */
  public NDManager manager() {
    return manager;
  }

  /** The decoder layers (their projections may be replaced). */
  public List<DecoderLayer> layers() {
    return Collections.unmodifiableList(layers);
  }

  /** A new, empty cache for incremental decoding. */
  public KvCache newCache() {
    return new KvCache(manager, layers.size());
  }

  /** Logits {@code [batch, seq, vocab]} for token ids {@code [batch, seq]} (no cache). */
  public NDArray forward(NDArray ids, boolean training) {
    return forward(ids, null, training);
  }

  /**
   * Logits for {@code ids} that follow the cached positions; the cache (when not null) is extended
   * by these positions.
   */
  public NDArray forward(NDArray ids, KvCache cache, boolean training) {
    long batch = ids.getShape().get(0);
    int seq = (int) ids.getShape().get(1);
    int past = cache == null ? 0 : cache.length();
    NDArray x = Embedding.embedding(ids, embed, SparseFormat.DENSE).singletonOrThrow();
    NDArray[] rope = ropeTables(ids.getManager(), past, seq);
    NDArray mask = seq > 1 ? causalMask(ids.getManager(), past, seq) : null;
    for (int i = 0; i < layers.size(); i++) {
      DecoderLayer layer = layers.get(i);
      NDArray h = rmsNorm(x, layer.inputNorm());
      NDArray attn = attention(layer, i, h, rope, mask, cache, batch, seq, training);
      x = x.add(attn);
      NDArray h2 = rmsNorm(x, layer.postAttentionNorm());
      NDArray gate = layer.gate().apply(h2, training);
      NDArray up = layer.up().apply(h2, training);
      NDArray act = gate.mul(Activation.sigmoid(gate)).mul(up);
      x = x.add(layer.down().apply(act, training));
    }
    if (cache != null) {
      cache.advance(seq);
    }
    return lmHead.apply(rmsNorm(x, finalNorm), training);
  }

  private NDArray attention(
      DecoderLayer layer,
      int index,
      NDArray h,
      NDArray[] rope,
      NDArray mask,
      KvCache cache,
      long batch,
      int seq,
      boolean training) {
    int heads = config.numAttentionHeads();
    int kvHeads = config.numKeyValueHeads();
    int d = config.headDim();
    NDArray q = layer.q().apply(h, training).reshape(batch, seq, heads, d).transpose(0, 2, 1, 3);
    NDArray k = layer.k().apply(h, training).reshape(batch, seq, kvHeads, d).transpose(0, 2, 1, 3);
    NDArray v = layer.v().apply(h, training).reshape(batch, seq, kvHeads, d).transpose(0, 2, 1, 3);
    q = applyRope(q, rope);
    k = applyRope(k, rope);
    if (cache != null) {
      NDArray[] kv = cache.append(index, k, v);
      k = kv[0];
      v = kv[1];
    }
    long total = k.getShape().get(2);
    int group = config.groupSize();
    if (group > 1) {
      k =
          k.expandDims(2)
              .broadcast(batch, kvHeads, group, total, d)
              .reshape(batch, heads, total, d);
      v =
          v.expandDims(2)
              .broadcast(batch, kvHeads, group, total, d)
              .reshape(batch, heads, total, d);
    }
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scalar(q, 1.0 / Math.sqrt(d)));
    if (mask != null) {
      scores = scores.add(mask);
    }
    NDArray out =
        scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, seq, (long) heads * d);
    return layer.o().apply(out, training);
  }

  private NDArray rmsNorm(NDArray x, NDArray weight) {
    NDArray variance = x.mul(x).mean(new int[] {-1}, true);
    return x.div(variance.add(config.rmsNormEps()).sqrt()).mul(weight);
  }

  /**
   * A float32 scalar on {@code like}'s manager that lives until that manager (or the enclosing
   * NDScope) closes. Use it instead of DJL's {@code mul(Number)}/{@code div(Number)}/{@code
   * pow(Number)} on anything autograd differentiates: those create the scalar from a Java direct
   * buffer and close it right after the op, while autograd still holds it for the backward pass, so
   * after a garbage collection backward reads freed memory (the "NaN loss" issue).
   */
  public static NDArray scalar(NDArray like, double value) {
    return like.getManager().create((float) value);
  }

  private static NDArray applyRope(NDArray x, NDArray[] rope) {
    NDList halves = x.split(2, 3);
    NDArray rotated = halves.get(1).neg().concat(halves.get(0), -1);
    return x.mul(rope[0]).add(rotated.mul(rope[1]));
  }

  /** cos and sin tables {@code [seq, headDim]} for positions {@code past .. past+seq-1}. */
  private NDArray[] ropeTables(NDManager m, int past, int seq) {
    int d = config.headDim();
    int half = d / 2;
    float[] cos = new float[seq * d];
    float[] sin = new float[seq * d];
    for (int t = 0; t < seq; t++) {
      for (int i = 0; i < half; i++) {
        double angle = (past + t) * inverseFrequencies[i];
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        cos[t * d + i] = c;
        cos[t * d + i + half] = c;
        sin[t * d + i] = s;
        sin[t * d + i + half] = s;
      }
    }
    return new NDArray[] {m.create(cos, new Shape(seq, d)), m.create(sin, new Shape(seq, d))};
  }

  private static NDArray causalMask(NDManager m, int past, int seq) {
    int total = past + seq;
    float[] mask = new float[seq * total];
    for (int t = 0; t < seq; t++) {
      for (int j = past + t + 1; j < total; j++) {
        mask[t * total + j] = Float.NEGATIVE_INFINITY;
      }
    }
    return m.create(mask, new Shape(seq, total));
  }

  /** Creates an int64 id array {@code [rows, cols]} on {@code m}. */
  public static NDArray ids(NDManager m, long[][] rows) {
    int cols = rows[0].length;
    long[] flat = new long[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return m.create(flat, new Shape(rows.length, cols));
  }

  /**
   * Every weight as the model effectively applies it, under Hugging Face names (adapters merged,
   * NF4 weights dequantised): what a merged checkpoint contains.
   */
  public Map<String, HostTensor> effectiveWeights() {
    Map<String, HostTensor> w = new LinkedHashMap<>();
    w.put("model.embed_tokens.weight", toHost(embed));
    for (int i = 0; i < layers.size(); i++) {
      String p = "model.layers." + i + ".";
      DecoderLayer l = layers.get(i);
      w.put(p + "input_layernorm.weight", toHost(l.inputNorm()));
      for (var e : l.projections().entrySet()) {
        w.put(p + e.getKey() + ".weight", e.getValue().effectiveWeight());
        e.getValue().bias().ifPresent(b -> w.put(p + e.getKey() + ".bias", b));
      }
      w.put(p + "post_attention_layernorm.weight", toHost(l.postAttentionNorm()));
    }
    w.put("model.norm.weight", toHost(finalNorm));
    if (!config.tieWordEmbeddings()) {
      w.put("lm_head.weight", toHost(lmHead.weight()));
    }
    return w;
  }

  /**
   * The frozen weights (embeddings, norms, LM head and the frozen part of every projection), by
   * Hugging Face name: what must stay bit-identical during adapter training.
   */
  public Map<String, NDArray> baseArrays() {
    Map<String, NDArray> m = new LinkedHashMap<>();
    m.put("model.embed_tokens.weight", embed);
    for (int i = 0; i < layers.size(); i++) {
      String p = "model.layers." + i + ".";
      m.put(p + "input_layernorm.weight", layers.get(i).inputNorm());
      m.put(p + "post_attention_layernorm.weight", layers.get(i).postAttentionNorm());
      for (var e : layers.get(i).projections().entrySet()) {
        e.getValue().frozenArrays().forEach((k, v) -> m.put(p + e.getKey() + "." + k, v));
      }
    }
    m.put("model.norm.weight", finalNorm);
    if (!config.tieWordEmbeddings()) {
      m.put("lm_head.weight", lmHead.weight());
    }
    return m;
  }

  /** Parameters that training updates, by Hugging Face–style name. */
  public Map<String, NDArray> trainableParameters() {
    Map<String, NDArray> m = new LinkedHashMap<>();
    if (fullyTrainable) {
      m.put("model.embed_tokens.weight", embed);
      for (int i = 0; i < layers.size(); i++) {
        m.put("model.layers." + i + ".input_layernorm.weight", layers.get(i).inputNorm());
        m.put(
            "model.layers." + i + ".post_attention_layernorm.weight",
            layers.get(i).postAttentionNorm());
      }
      m.put("model.norm.weight", finalNorm);
      if (!config.tieWordEmbeddings()) {
        m.put("lm_head.weight", lmHead.weight());
      }
    }
    for (int i = 0; i < layers.size(); i++) {
      String p = "model.layers." + i + ".";
      for (var e : layers.get(i).projections().entrySet()) {
        e.getValue().trainableParameters().forEach((k, v) -> m.put(p + e.getKey() + "." + k, v));
      }
    }
    return m;
  }

  /** Makes every projection weight trainable (full fine-tuning of the linear layers). */
  public void unfreezeProjections() {
    for (DecoderLayer l : layers) {
      for (LinearLayer p : l.projections().values()) {
        if (p instanceof DenseLinear d) {
          d.setTrainable(true);
        }
      }
    }
  }

  /**
   * Makes every weight trainable (full fine-tuning): embeddings, norms, LM head and all dense
   * projections.
   */
  public void unfreezeAll() {
    unfreezeProjections();
    fullyTrainable = true;
    embed.setRequiresGradient(true);
    finalNorm.setRequiresGradient(true);
    for (DecoderLayer l : layers) {
      l.inputNorm().setRequiresGradient(true);
      l.postAttentionNorm().setRequiresGradient(true);
    }
    if (!config.tieWordEmbeddings()) {
      lmHead.weight().setRequiresGradient(true);
    }
  }

  /** Bytes the frozen projection weights occupy (fp32 dense or NF4 packed). */
  public long frozenProjectionBytes() {
    long sum = 0;
    for (DecoderLayer l : layers) {
      for (LinearLayer p : l.projections().values()) {
        sum += p.frozenBytes();
      }
    }
    return sum;
  }

  /** Copies {@code a} into Java memory as float32, with its shape: the way back from the engine. */
  public static HostTensor toHost(NDArray a) {
    return new HostTensor(a.getShape().getShape(), a.toFloatArray());
  }

  @Override
  public void close() {
    manager.close();
  }
}
