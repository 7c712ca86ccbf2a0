package io.llmtwin.llm.model;

import ai.djl.ndarray.NDArray;
import io.llmtwin.llm.checkpoint.HostTensor;
import java.util.Map;
import java.util.Optional;

/**
 * A linear projection {@code y = x·Wᵀ (+ b)} of the decoder. Implementations: a dense frozen or
 * trainable weight ({@link DenseLinear}), an NF4-quantised frozen weight (QLoRA) and a LoRA adapter
 * wrapped around either.
 */
public interface LinearLayer {

  /** Applies the projection to {@code x} of shape {@code [..., in]}. */
  NDArray apply(NDArray x, boolean training);

  /** Input features. */
  int inFeatures();

  /** Output features. */
  int outFeatures();

  /** The weight this layer effectively applies, {@code [out, in]} (adapters merged in). */
  HostTensor effectiveWeight();

  /** The bias, if any. */
  Optional<HostTensor> bias();

  /** Parameters updated by training, by name relative to the layer (empty when frozen). */
  Map<String, NDArray> trainableParameters();

  /** Frozen arrays (never updated by training), by name relative to the layer. */
  Map<String, NDArray> frozenArrays();

  /** Bytes the frozen base weight occupies in memory. */
  long frozenBytes();
}
