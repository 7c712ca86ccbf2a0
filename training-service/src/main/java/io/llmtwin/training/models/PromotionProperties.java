package io.llmtwin.training.models;

import io.llmtwin.registry.alias.AliasNames;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.promotion}: the promotion gate.
 *
 * @param gatedAliases aliases a version only moves to when it passes the gate (default {@code
 *     accepted}); other aliases move freely
 * @param criteria what the candidate must achieve against the current holder (or, for the first
 *     promotion, against the base model); default: lower {@code eval/loss}, {@code
 *     eval/style_similarity} not lower
 * @param reevaluate run a fresh evaluation at every promotion instead of reusing a stored one
 *     (default false)
 */
@ConfigurationProperties("llmtwin.training.promotion")
public record PromotionProperties(
    List<String> gatedAliases, List<Criterion> criteria, boolean reevaluate) {

  /** Defaults and validation. */
  public PromotionProperties {
    gatedAliases =
        gatedAliases == null || gatedAliases.isEmpty()
            ? List.of(AliasNames.ACCEPTED)
            : List.copyOf(gatedAliases);
    gatedAliases.forEach(AliasNames::requireValid);
    criteria =
        criteria == null || criteria.isEmpty()
            ? List.of(
                new Criterion("eval/loss", Rule.LOWER, 0),
                new Criterion("eval/style_similarity", Rule.NOT_LOWER, 0))
            : List.copyOf(criteria);
  }

  /** The defaults. */
  public static PromotionProperties defaults() {
    return new PromotionProperties(null, null, false);
  }

  /**
   * One gate criterion.
   *
   * @param metric a canonical evaluation metric, e.g. {@code eval/loss}
   * @param rule how the candidate's value must compare with the reference value
   * @param tolerance margin: {@code lower}/{@code higher} must win by more than it, {@code
   *     not-lower}/{@code not-higher} may lose by up to it (default 0)
   */
  public record Criterion(String metric, Rule rule, double tolerance) {

    /** Validates. */
    public Criterion {
      if (metric == null || !metric.startsWith("eval/")) {
        throw new IllegalArgumentException(
            "llmtwin.training.promotion.criteria[].metric must be an eval/ metric, got " + metric);
      }
      if (rule == null) {
        throw new IllegalArgumentException(
            "llmtwin.training.promotion.criteria[].rule is required for " + metric);
      }
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new IllegalArgumentException(
            "llmtwin.training.promotion.criteria[].tolerance must be >= 0 for " + metric);
      }
    }
  }

  /** How a candidate's value must compare with the reference's. */
  public enum Rule {
    /** Strictly lower (better for losses). */
    LOWER,
    /** Strictly higher (better for similarities and scores). */
    HIGHER,
    /** Not higher: lower-is-better metric must not get worse. */
    NOT_HIGHER,
    /** Not lower: higher-is-better metric must not get worse. */
    NOT_LOWER;

    boolean passes(double candidate, double reference, double tolerance) {
      return switch (this) {
        case LOWER -> candidate < reference - tolerance;
        case HIGHER -> candidate > reference + tolerance;
        case NOT_HIGHER -> candidate <= reference + tolerance;
        case NOT_LOWER -> candidate >= reference - tolerance;
      };
    }

    String symbol() {
      return switch (this) {
        case LOWER -> "<";
        case HIGHER -> ">";
        case NOT_HIGHER -> "<=";
        case NOT_LOWER -> ">=";
      };
    }
  }
}
