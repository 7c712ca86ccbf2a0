package io.llmtwin.llm.lora;

import java.util.List;

/**
 * LoRA hyper-parameters.
 *
 * @param rank r, the inner dimension of B·A
 * @param alpha scaling numerator; the update is scaled by alpha / r
 * @param dropout dropout on the adapter input during training
 * @param targetModules short projection names, e.g. {@code q_proj}
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targetModules) {

  /** All seven projections of a Llama block. */
  public static final List<String> ALL_PROJECTIONS =
      List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

  /** Validates the values. */
  public LoraConfig {
    targetModules = List.copyOf(targetModules);
    if (rank <= 0) {
      throw new IllegalArgumentException("rank must be positive");
    }
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("dropout must be in [0, 1)");
    }
    if (targetModules.isEmpty() || !ALL_PROJECTIONS.containsAll(targetModules)) {
      throw new IllegalArgumentException(
          "target modules must be a non-empty subset of " + ALL_PROJECTIONS);
    }
  }

  /** r, alpha and dropout on all seven projections. */
  public static LoraConfig of(int rank, double alpha, double dropout) {
    return new LoraConfig(rank, alpha, dropout, ALL_PROJECTIONS);
  }

  /** alpha / r. */
  public double scaling() {
    return alpha / rank;
  }

  /** Whether the projection with this Hugging Face layer-relative name is adapted. */
  public boolean targets(String projection) {
    return targetModules.contains(projection.substring(projection.indexOf('.') + 1));
  }
}
