package io.llmtwin.training.evaluation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of evaluating one model version on one dataset's test split.
 *
 * @param model the model name
 * @param version the version number
 * @param datasetVersion the dataset whose test split was used
 * @param baseModel the base checkpoint compared against
 * @param samples test samples used
 * @param metrics {@code eval/loss}, {@code eval/perplexity}, {@code eval/base_loss}, {@code
 *     eval/base_perplexity}, {@code eval/style_similarity}, {@code eval/base_style_similarity},
 *     {@code eval/rouge_l}, {@code eval/base_rouge_l}, and with a judge {@code
 *     eval/judge_accuracy}, {@code eval/judge_style}, {@code eval/judge_judged}, {@code
 *     eval/judge_unparseable}
 * @param generations per test sample: instruction, the author's reference, the candidate's and the
 *     base model's answers (empty when the report was rebuilt from stored metrics only)
 * @param evaluatedAt ISO-8601 instant of the run
 * @param reused whether this answer reuses a stored evaluation instead of running one
 */
public record EvaluationReport(
    String model,
    int version,
    String datasetVersion,
    String baseModel,
    int samples,
    Map<String, Double> metrics,
    List<Generation> generations,
    String evaluatedAt,
    boolean reused) {

  /** Copies and sorts. */
  public EvaluationReport {
    metrics = new TreeMap<>(metrics);
    generations = generations == null ? List.of() : List.copyOf(generations);
  }

  /** The same report, marked as reused. */
  public EvaluationReport asReused() {
    return new EvaluationReport(
        model,
        version,
        datasetVersion,
        baseModel,
        samples,
        metrics,
        generations,
        evaluatedAt,
        true);
  }

  /**
   * One test sample.
   *
   * @param instruction the test instruction
   * @param reference the author's real response
   * @param candidate the evaluated version's greedy answer
   * @param base the base model's greedy answer
   */
  public record Generation(String instruction, String reference, String candidate, String base) {}
}
