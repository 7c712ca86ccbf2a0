package io.llmtwin.training.models;

/** The promotion gate refused a candidate; {@link #decision()} says which metric failed. */
public class PromotionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient PromotionGate.GateDecision decision;
  private final String model;
  private final int version;
  private final String alias;

  /** The refusal of {@code model} {@code v<version>} for {@code alias}. */
  public PromotionRefusedException(
      String model, int version, String alias, PromotionGate.GateDecision decision) {
    super(
        model
            + " v"
            + version
            + " was not promoted to "
            + alias
            + ": "
            + String.join(", ", decision.failedMetrics())
            + " failed ("
            + decision.comparisons().stream()
                .filter(c -> !c.passed())
                .map(PromotionGate.MetricComparison::explanation)
                .reduce((a, b) -> a + "; " + b)
                .orElse("")
            + ")");
    this.decision = decision;
    this.model = model;
    this.version = version;
    this.alias = alias;
  }

  public PromotionGate.GateDecision decision() {
    return decision;
  }

  public String model() {
    return model;
  }

  public int version() {
    return version;
  }

  public String alias() {
    return alias;
  }
}
