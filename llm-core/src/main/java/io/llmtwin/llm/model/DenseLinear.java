package io.llmtwin.llm.model;

import ai.djl.ndarray.NDArray;
import io.llmtwin.llm.checkpoint.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A float32 weight (and optional bias); frozen unless {@link #setTrainable(boolean)} is on. */
public final class DenseLinear implements LinearLayer {

  private final NDArray weight;
  private final NDArray bias;
  private boolean trainable;

  /**
   * Wraps engine arrays.
   *
   * @param weight {@code [out, in]}
   * @param bias {@code [out]}, or null for none
   */
  public DenseLinear(NDArray weight, NDArray bias) {
    this.weight = weight;
    this.bias = bias;
  }

  @Override
  public NDArray apply(NDArray x, boolean training) {
    return bias == null
        ? ai.djl.nn.core.Linear.linear(x, weight).singletonOrThrow()
        : ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
  }

  /** The weight array. */
  public NDArray weight() {
    return weight;
  }

  /** Makes the weight (and bias) trainable or frozen. */
  public void setTrainable(boolean on) {
    trainable = on;
    weight.setRequiresGradient(on);
    if (bias != null) {
      bias.setRequiresGradient(on);
    }
  }

  @Override
  public int inFeatures() {
    return (int) weight.getShape().get(1);
  }

  @Override
  public int outFeatures() {
    return (int) weight.getShape().get(0);
  }

  @Override
  public HostTensor effectiveWeight() {
    return LlamaModel.toHost(weight);
  }

  @Override
  public Optional<HostTensor> bias() {
    return bias == null ? Optional.empty() : Optional.of(LlamaModel.toHost(bias));
  }

  @Override
  public Map<String, NDArray> trainableParameters() {
    Map<String, NDArray> m = new LinkedHashMap<>();
    if (trainable) {
      m.put("weight", weight);
      if (bias != null) {
        m.put("bias", bias);
      }
    }
    return m;
  }

  @Override
  public Map<String, NDArray> frozenArrays() {
    Map<String, NDArray> m = new LinkedHashMap<>();
    if (!trainable) {
      m.put("weight", weight);
      if (bias != null) {
        m.put("bias", bias);
      }
    }
    return m;
  }

  @Override
  public long frozenBytes() {
    return trainable ? 0 : weight.size() * 4 + (bias == null ? 0 : bias.size() * 4);
  }
}
