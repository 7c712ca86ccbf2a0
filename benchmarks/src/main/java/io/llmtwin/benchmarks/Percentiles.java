package io.llmtwin.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Percentiles of measured samples, as the benchmarks report them (p50, p99). */
final class Percentiles {
  private Percentiles() {}

  /**
   * The nearest-rank percentile: the smallest sample that at least {@code fraction} of the samples
   * do not exceed.
   *
   * @param sorted the samples in ascending order
   * @param fraction the percentile as a fraction, e.g. {@code 0.99} for p99
   * @return that sample, or empty when there are no samples
   */
  static <T> Optional<T> nearestRank(List<T> sorted, double fraction) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int index = (int) Math.ceil(fraction * sorted.size()) - 1;
    return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
  }

  /** The median (nearest rank, so the lower middle one of an even count) of unsorted samples. */
  static double median(List<Double> samples) {
    List<Double> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    return nearestRank(sorted, 0.5).orElseThrow();
  }
}
