package io.llmtwin.training.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionGateTest {
  final PromotionGate gate = new PromotionGate(PromotionProperties.defaults().criteria());

  @Test
  void acceptsLowerLossWithStyleNotWorse() {
    PromotionGate.GateDecision d =
        gate.againstVersion(
            Map.of("eval/loss", 2.0, "eval/style_similarity", 0.5),
            Map.of("eval/loss", 2.5, "eval/style_similarity", 0.5),
            "v1");
    assertThat(d.passed()).isTrue();
    assertThat(d.summary()).contains("eval/loss 2.0000 < 2.5000 of v1");
  }

  @Test
  void refusesNamingTheMetricThatFailed() {
    PromotionGate.GateDecision d =
        gate.againstVersion(
            Map.of("eval/loss", 3.0, "eval/style_similarity", 0.6),
            Map.of("eval/loss", 2.5, "eval/style_similarity", 0.5),
            "v1");
    assertThat(d.passed()).isFalse();
    assertThat(d.failedMetrics()).containsExactly("eval/loss");
    assertThat(d.comparisons().get(0).explanation())
        .isEqualTo("eval/loss 3.0000 is not < 2.5000 of v1");
  }

  @Test
  void comparesWithTheBaseModelWhenNothingIsAcceptedYet() {
    Map<String, Double> candidate =
        Map.of(
            "eval/loss", 2.0,
            "eval/base_loss", 4.0,
            "eval/style_similarity", 0.30,
            "eval/base_style_similarity", 0.31);
    PromotionGate.GateDecision d = gate.againstBase(candidate);
    assertThat(d.against()).isEqualTo("base model");
    assertThat(d.failedMetrics()).containsExactly("eval/style_similarity");
  }

  @Test
  void aMissingMetricFailsItsCriterionAndTolerancesApply() {
    PromotionGate lenient =
        new PromotionGate(
            List.of(
                new PromotionProperties.Criterion(
                    "eval/style_similarity", PromotionProperties.Rule.NOT_LOWER, 0.05),
                new PromotionProperties.Criterion(
                    "eval/judge_accuracy", PromotionProperties.Rule.HIGHER, 0)));
    PromotionGate.GateDecision d =
        lenient.againstVersion(
            Map.of("eval/style_similarity", 0.46), Map.of("eval/style_similarity", 0.5), "v2");
    assertThat(d.failedMetrics()).containsExactly("eval/judge_accuracy");
    assertThat(d.comparisons().get(1).explanation()).contains("not measured for the candidate");
  }

  @Test
  void validatesCriteria() {
    assertThatThrownBy(
            () -> new PromotionProperties.Criterion("loss", PromotionProperties.Rule.LOWER, 0))
        .hasMessageContaining("eval/");
    assertThatThrownBy(
            () ->
                new PromotionProperties.Criterion("eval/loss", PromotionProperties.Rule.LOWER, -1))
        .hasMessageContaining("tolerance");
  }
}
