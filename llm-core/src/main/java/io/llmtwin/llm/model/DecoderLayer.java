package io.llmtwin.llm.model;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transformer block: RMSNorm, grouped-query self-attention, RMSNorm, SwiGLU MLP. Its seven
 * projections are addressed by their Hugging Face names relative to the layer ({@link
 * #PROJECTIONS}) and can be replaced (LoRA, NF4).
 */
public final class DecoderLayer {

  /** The projection names in Hugging Face order. */
  public static final List<String> PROJECTIONS =
      List.of(
          "self_attn.q_proj",
          "self_attn.k_proj",
          "self_attn.v_proj",
          "self_attn.o_proj",
          "mlp.gate_proj",
          "mlp.up_proj",
          "mlp.down_proj");

  private final NDArray inputNorm;
  private final NDArray postAttentionNorm;
  private final Map<String, LinearLayer> projections = new LinkedHashMap<>();

  DecoderLayer(NDArray inputNorm, NDArray postAttentionNorm, Map<String, LinearLayer> projections) {
    this.inputNorm = inputNorm;
    this.postAttentionNorm = postAttentionNorm;
    for (String p : PROJECTIONS) {
      this.projections.put(p, projections.get(p));
    }
  }

  /** The projection named e.g. {@code self_attn.q_proj}. */
  public LinearLayer projection(String name) {
    LinearLayer l = projections.get(name);
    if (l == null) {
      throw new IllegalArgumentException("no projection " + name + "; known: " + PROJECTIONS);
    }
    return l;
  }

  /** Replaces a projection (e.g. by a LoRA-wrapped or NF4 one). */
  public void setProjection(String name, LinearLayer layer) {
    projection(name);
    projections.put(name, layer);
  }

  /** All projections by name. */
  public Map<String, LinearLayer> projections() {
    return Collections.unmodifiableMap(projections);
  }

  NDArray inputNorm() {
    return inputNorm;
  }

  NDArray postAttentionNorm() {
    return postAttentionNorm;
  }

  LinearLayer q() {
    return projections.get("self_attn.q_proj");
  }

  LinearLayer k() {
    return projections.get("self_attn.k_proj");
  }

  LinearLayer v() {
    return projections.get("self_attn.v_proj");
  }

  LinearLayer o() {
    return projections.get("self_attn.o_proj");
  }

  LinearLayer gate() {
    return projections.get("mlp.gate_proj");
  }

  LinearLayer up() {
    return projections.get("mlp.up_proj");
  }

  LinearLayer down() {
    return projections.get("mlp.down_proj");
  }
}
