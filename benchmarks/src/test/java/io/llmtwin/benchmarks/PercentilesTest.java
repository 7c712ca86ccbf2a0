package io.llmtwin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  private final List<Integer> hundred = IntStream.rangeClosed(1, 100).boxed().toList();

  @Test
  void picksTheSmallestSampleThatTheFractionDoesNotExceed() {
    assertThat(Percentiles.nearestRank(hundred, 0.50)).contains(50);
    assertThat(Percentiles.nearestRank(hundred, 0.99)).contains(99);
    assertThat(Percentiles.nearestRank(List.of(10, 20, 30), 0.50)).contains(20);
    assertThat(Percentiles.nearestRank(List.of(10, 20, 30), 0.99)).contains(30);
  }

  @Test
  void staysInsideTheSamples() {
    assertThat(Percentiles.nearestRank(List.of(7), 0.99)).contains(7);
    assertThat(Percentiles.nearestRank(hundred, 0.0)).contains(1);
    assertThat(Percentiles.nearestRank(hundred, 1.5)).contains(100);
  }

  @Test
  void medianSortsAndTakesTheLowerMiddleOfAnEvenCount() {
    assertThat(Percentiles.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Percentiles.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.0);
  }

  @Test
  void hasNoPercentileWithoutSamples() {
    assertThat(Percentiles.nearestRank(List.<Long>of(), 0.50)).isEmpty();
  }
}
