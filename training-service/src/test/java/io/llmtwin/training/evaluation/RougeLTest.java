package io.llmtwin.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class RougeLTest {

  @Test
  void identicalTextsScoreOneAndDisjointTextsZero() {
    assertThat(RougeL.f1("Rust ownership is strict", "rust ownership, is strict!")).isEqualTo(1.0);
    assertThat(RougeL.f1("tomato seedlings", "vector databases")).isZero();
    assertThat(RougeL.f1("", "anything")).isZero();
  }

  @Test
  void scoresTheLongestCommonSubsequenceAsF1() {
    // LCS of "the cat sat on the mat" and "the cat lay on a mat" = the cat on mat (4)
    double p = 4.0 / 6;
    double r = 4.0 / 6;
    assertThat(RougeL.f1("the cat sat on the mat", "the cat lay on a mat"))
        .isCloseTo(2 * p * r / (p + r), offset(1e-12));
    assertThat(RougeL.lcs(List.of("a", "b", "c", "d"), List.of("b", "d", "a"))).isEqualTo(2);
  }
}
