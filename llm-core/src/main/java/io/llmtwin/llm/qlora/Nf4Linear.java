package io.llmtwin.llm.qlora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.model.LinearLayer;
import io.llmtwin.llm.model.LlamaModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A frozen projection whose weight is resident as NF4 (packed uint8 codes plus block scales) and is
 * dequantised on the fly in every forward pass: a 256-entry table maps each packed byte to its two
 * levels, the result is scaled per block and reshaped to {@code [out, in]}. PyTorch has no 4-bit
 * kernels on CPU, so this trades compute for memory exactly like QLoRA's storage scheme.
 */
public final class Nf4Linear implements LinearLayer {

  private final Nf4Tensor host;
  private final NDArray codes;
  private final NDArray absmax;
  private final NDArray scaleCodes;
  private final NDArray groupScales;
  private final NDArray pairTable;
  private final NDArray bias;
  private final int out;
  private final int in;

  Nf4Linear(NDManager m, Nf4Tensor q, HostTensor bias) {
    this.host = q;
    this.out = (int) q.shape()[0];
    this.in = (int) q.shape()[1];
    this.codes =
        m.create(
            java.nio.ByteBuffer.wrap(q.packed()), new Shape(q.packed().length), DataType.UINT8);
    Nf4Tensor.Scales s = q.scales();
    if (s.doubleQuantized()) {
      this.absmax = null;
      this.scaleCodes =
          m.create(java.nio.ByteBuffer.wrap(s.codes()), new Shape(s.codes().length), DataType.INT8);
      this.groupScales = m.create(s.groupScales(), new Shape(s.groupScales().length, 1));
    } else {
      this.absmax = m.create(s.absmax(), new Shape(s.absmax().length, 1));
      this.scaleCodes = null;
      this.groupScales = null;
    }
    float[] table = new float[512];
    for (int b = 0; b < 256; b++) {
      table[2 * b] = Nf4.LEVELS[b >>> 4];
      table[2 * b + 1] = Nf4.LEVELS[b & 0x0F];
    }
    this.pairTable = m.create(table, new Shape(256, 2));
    this.bias = bias == null ? null : m.create(bias.data(), new Shape(bias.shape()));
  }

  /** Dequantises the weight as an engine array {@code [out, in]} on {@code x}'s manager. */
  NDArray weight(NDArray like) {
    NDArray idx = codes.toType(DataType.INT64, true);
    idx.attach(like.getManager());
    NDArray levels = Embedding.embedding(idx, pairTable, SparseFormat.DENSE).singletonOrThrow();
    int blocks = host.scales().blocks();
    NDArray scales;
    if (absmax != null) {
      scales = absmax;
    } else {
      NDArray c = scaleCodes.toType(DataType.FLOAT32, true);
      c.attach(like.getManager());
      int groups = (int) groupScales.getShape().get(0);
      scales =
          c.reshape(groups, Nf4.SCALE_GROUP)
              .div(127f)
              .mul(groupScales)
              .add(host.scales().offset())
              .reshape(-1, 1)
              .get(new NDIndex("0:" + blocks));
    }
    NDArray w = levels.reshape(blocks, Nf4.BLOCK).mul(scales).reshape(-1);
    long n = (long) out * in;
    if (w.getShape().get(0) != n) {
      w = w.get(new NDIndex("0:" + n));
    }
    return w.reshape(out, in);
  }

  @Override
  public NDArray apply(NDArray x, boolean training) {
    NDArray w = weight(x);
    return bias == null
        ? Linear.linear(x, w).singletonOrThrow()
        : Linear.linear(x, w, bias).singletonOrThrow();
  }

  @Override
  public int inFeatures() {
    return in;
  }

  @Override
  public int outFeatures() {
    return out;
  }

  @Override
  public HostTensor effectiveWeight() {
    return Nf4.dequantize(host);
  }

  @Override
  public Optional<HostTensor> bias() {
    return bias == null ? Optional.empty() : Optional.of(LlamaModel.toHost(bias));
  }

  @Override
  public Map<String, NDArray> trainableParameters() {
    return Map.of();
  }

  @Override
  public Map<String, NDArray> frozenArrays() {
    Map<String, NDArray> m = new LinkedHashMap<>();
    m.put("weight.nf4", codes);
    if (absmax != null) {
      m.put("weight.absmax", absmax);
    } else {
      m.put("weight.absmax_codes", scaleCodes);
      m.put("weight.absmax_group_scales", groupScales);
    }
    if (bias != null) {
      m.put("bias", bias);
    }
    return m;
  }

  @Override
  public long frozenBytes() {
    return codes.size()
        + (absmax != null ? absmax.size() * 4 : scaleCodes.size() + groupScales.size() * 4 + 4)
        + (bias == null ? 0 : bias.size() * 4);
  }
}
