package io.llmtwin.training.models;

import io.llmtwin.training.evaluation.EvaluationMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides whether a candidate's evaluation beats a reference on the configured criteria. The
 * reference is the current holder's evaluation on the same test split, or, when the alias has no
 * holder yet, the base model's metrics from the candidate's own evaluation ({@code eval/base_*}). A
 * metric missing on either side fails its criterion: nothing is assumed.
 */
public final class PromotionGate {
  private final List<PromotionProperties.Criterion> criteria;

  /** A gate with {@code criteria}. */
  public PromotionGate(List<PromotionProperties.Criterion> criteria) {
    this.criteria = List.copyOf(criteria);
  }

  /** Compares the candidate with another version's metrics ({@code against}: e.g. {@code v3}). */
  public GateDecision againstVersion(
      Map<String, Double> candidate, Map<String, Double> holder, String against) {
    return decide(candidate, holder, false, against);
  }

  /** Compares the candidate with the base model's metrics recorded in its own evaluation. */
  public GateDecision againstBase(Map<String, Double> candidate) {
    return decide(candidate, candidate, true, "base model");
  }

  private GateDecision decide(
      Map<String, Double> candidate, Map<String, Double> reference, boolean base, String against) {
    List<MetricComparison> comparisons = new ArrayList<>();
    for (PromotionProperties.Criterion c : criteria) {
      Double mine = candidate.get(c.metric());
      String referenceMetric =
          base ? EvaluationMetrics.baseCounterpart(c.metric()).orElse(null) : c.metric();
      Double theirs = referenceMetric == null ? null : reference.get(referenceMetric);
      boolean passed =
          mine != null && theirs != null && c.rule().passes(mine, theirs, c.tolerance());
      comparisons.add(
          new MetricComparison(
              c.metric(),
              c.rule().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              c.tolerance(),
              mine,
              theirs,
              passed,
              explain(c, mine, theirs, passed, against)));
    }
    return new GateDecision(against, comparisons);
  }

  private static String explain(
      PromotionProperties.Criterion c, Double mine, Double theirs, boolean passed, String against) {
    if (mine == null) {
      return c.metric() + " was not measured for the candidate";
    }
    if (theirs == null) {
      return c.metric() + " was not measured for " + against;
    }
    String tol = c.tolerance() > 0 ? " (tolerance " + fmt(c.tolerance()) + ")" : "";
    return c.metric()
        + " "
        + fmt(mine)
        + (passed ? " " : " is not ")
        + c.rule().symbol()
        + " "
        + fmt(theirs)
        + " of "
        + against
        + tol;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * One criterion's outcome.
   *
   * @param metric the metric
   * @param rule {@code lower}, {@code higher}, {@code not-higher} or {@code not-lower}
   * @param tolerance the margin
   * @param candidate the candidate's value, {@code null} when not measured
   * @param reference the reference's value, {@code null} when not measured
   * @param passed whether the criterion holds
   * @param explanation a sentence for people
   */
  public record MetricComparison(
      String metric,
      String rule,
      double tolerance,
      Double candidate,
      Double reference,
      boolean passed,
      String explanation) {}

  /**
   * The gate's verdict.
   *
   * @param against what the candidate was compared with ({@code v3} or {@code base model})
   * @param comparisons one per criterion
   */
  public record GateDecision(String against, List<MetricComparison> comparisons) {

    /** Whether every criterion holds. */
    public boolean passed() {
      return comparisons.stream().allMatch(MetricComparison::passed);
    }

    /** The metrics whose criterion failed. */
    public List<String> failedMetrics() {
      return comparisons.stream().filter(c -> !c.passed()).map(MetricComparison::metric).toList();
    }

    /** The explanations, joined. */
    public String summary() {
      return comparisons.stream()
          .map(MetricComparison::explanation)
          .collect(Collectors.joining("; "));
    }
  }
}
