package io.llmtwin.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one line every benchmark main prints at its end, so results can be pasted into {@code
 * docs/benchmarks.md} and compared by script: {@code BENCH <name> key=value ... ratio=<x>}. The
 * ratio is always measured against a baseline run in the same process, because these machines are
 * noisy and only ratios are comparable between runs.
 */
public final class Summary {
  private final String name;
  private final Map<String, String> values = new LinkedHashMap<>();

  private Summary(String name) {
    this.name = name;
  }

  public static Summary of(String name) {
    return new Summary(name);
  }

  public Summary put(String key, double value) {
    values.put(key, String.format(Locale.ROOT, "%.3f", value));
    return this;
  }

  public Summary put(String key, long value) {
    values.put(key, Long.toString(value));
    return this;
  }

  public Summary put(String key, String value) {
    values.put(key, value.replace(' ', '_'));
    return this;
  }

  /** Records {@code measured / baseline} as the ratio that counts. */
  public Summary ratio(double measured, double baseline) {
    return put("ratio", baseline == 0 ? Double.NaN : measured / baseline);
  }

  /** The summary line. */
  public String line() {
    StringBuilder out = new StringBuilder("BENCH ").append(name);
    values.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
    return out.toString();
  }

  /** Prints the summary line to standard output. */
  public void print() {
    System.out.println(line());
  }

  /** Peak heap use observed through the memory pool beans, in MiB. */
  public static double peakHeapMiB() {
    long peak = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024.0 * 1024.0);
  }
}
