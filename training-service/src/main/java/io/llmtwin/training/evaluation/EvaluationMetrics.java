package io.llmtwin.training.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names of evaluation metrics. Reports and the promotion gate use the canonical names ({@code
 * eval/loss}); on a version they are stored under those names when the test split is the version's
 * own dataset, and as {@code eval:<dataset>/loss} for another dataset's split (the gate evaluates a
 * candidate on the current holder's dataset so both are measured on the same texts).
 */
public final class EvaluationMetrics {
  /** Prefix of every canonical evaluation metric. */
  public static final String PREFIX = "eval/";

  public static final String LOSS = "eval/loss";
  public static final String PERPLEXITY = "eval/perplexity";
  public static final String BASE_LOSS = "eval/base_loss";
  public static final String BASE_PERPLEXITY = "eval/base_perplexity";
  public static final String STYLE_SIMILARITY = "eval/style_similarity";
  public static final String BASE_STYLE_SIMILARITY = "eval/base_style_similarity";
  public static final String ROUGE_L = "eval/rouge_l";
  public static final String BASE_ROUGE_L = "eval/base_rouge_l";
  public static final String SAMPLES = "eval/samples";
  public static final String JUDGE_ACCURACY = "eval/judge_accuracy";
  public static final String JUDGE_STYLE = "eval/judge_style";
  public static final String JUDGE_JUDGED = "eval/judge_judged";
  public static final String JUDGE_UNPARSEABLE = "eval/judge_unparseable";

  private EvaluationMetrics() {}

  /**
   * The base model's counterpart of a canonical metric ({@code eval/loss} → {@code
   * eval/base_loss}).
   */
  public static Optional<String> baseCounterpart(String metric) {
    if (!metric.startsWith(PREFIX) || metric.startsWith(PREFIX + "base_")) {
      return Optional.empty();
    }
    return Optional.of(PREFIX + "base_" + metric.substring(PREFIX.length()));
  }

  /** The name {@code metric} is stored under on a version for the test split of {@code dataset}. */
  static String stored(String metric, String dataset, boolean ownDataset) {
    return ownDataset ? metric : "eval:" + dataset + "/" + metric.substring(PREFIX.length());
  }

  /** The canonical evaluation metrics stored on a version for {@code dataset}'s test split. */
  static Map<String, Double> canonical(
      Map<String, Double> versionMetrics, String dataset, boolean ownDataset) {
    String prefix = ownDataset ? PREFIX : "eval:" + dataset + "/";
    Map<String, Double> out = new LinkedHashMap<>();
    versionMetrics.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(PREFIX + k.substring(prefix.length()), v);
          }
        });
    return out;
  }
}
