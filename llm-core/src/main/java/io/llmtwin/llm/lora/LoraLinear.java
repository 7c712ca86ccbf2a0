package io.llmtwin.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.model.LinearLayer;
import io.llmtwin.llm.model.LlamaModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A frozen base projection plus a trainable low-rank update: {@code y = base(x) + s ·
 * B(A(drop(x)))} with {@code A [r, in]}, {@code B [out, r]} and {@code s = alpha / r}.
 */
public final class LoraLinear implements LinearLayer {

  private final LinearLayer base;
  private final NDArray a;
  private final NDArray b;
  private final double scaling;
  private final float dropout;

  LoraLinear(LinearLayer base, NDArray a, NDArray b, double scaling, double dropout) {
    this.base = base;
    this.a = a;
    this.b = b;
    this.scaling = scaling;
    this.dropout = (float) dropout;
    a.setRequiresGradient(true);
    b.setRequiresGradient(true);
  }

  @Override
  public NDArray apply(NDArray x, boolean training) {
    NDArray y = base.apply(x, training);
    NDArray in = training && dropout > 0 ? Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
    NDArray low = Linear.linear(in, a).singletonOrThrow();
    return y.add(Linear.linear(low, b).singletonOrThrow().mul(LlamaModel.scalar(x, scaling)));
  }

  /** The frozen base. */
  public LinearLayer base() {
    return base;
  }

  /** A, {@code [r, in]}. */
  public NDArray loraA() {
    return a;
  }

  /** B, {@code [out, r]}. */
  public NDArray loraB() {
    return b;
  }

  @Override
  public int inFeatures() {
    return base.inFeatures();
  }

  @Override
  public int outFeatures() {
    return base.outFeatures();
  }

  @Override
  public HostTensor effectiveWeight() {
    HostTensor w = base.effectiveWeight();
    float[] av = a.toFloatArray();
    float[] bv = b.toFloatArray();
    int out = outFeatures();
    int in = inFeatures();
    int r = (int) a.getShape().get(0);
    float[] merged = w.data().clone();
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        double s = 0;
        for (int k = 0; k < r; k++) {
          s += (double) bv[o * r + k] * av[k * in + i];
        }
        merged[o * in + i] = (float) (merged[o * in + i] + scaling * s);
      }
    }
    return new HostTensor(w.shape(), merged);
  }

  @Override
  public Optional<HostTensor> bias() {
    return base.bias();
  }

  @Override
  public Map<String, NDArray> trainableParameters() {
    Map<String, NDArray> m = new LinkedHashMap<>();
    m.put("lora_A.weight", a);
    m.put("lora_B.weight", b);
    return m;
  }

  @Override
  public Map<String, NDArray> frozenArrays() {
    return base.frozenArrays();
  }

  @Override
  public long frozenBytes() {
    return base.frozenBytes();
  }
}
