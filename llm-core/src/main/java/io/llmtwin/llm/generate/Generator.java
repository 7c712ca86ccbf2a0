package io.llmtwin.llm.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.model.KvCache;
import io.llmtwin.llm.model.LlamaModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Autoregressive generation with a KV cache: the prompt is run once, then one token per step.
 * Greedy when temperature is 0, otherwise temperature + nucleus (top-p) sampling.
 */
public final class Generator {

  private final LlamaModel model;

  /** Generates with {@code model}. */
  public Generator(LlamaModel model) {
    this.model = model;
  }

  /** Continues {@code prompt} (token ids, at least one) and returns only the new tokens. */
  public long[] generate(long[] prompt, SamplingOptions options) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException("prompt must contain at least one token");
    }
    Random random = new Random(options.seed());
    List<Long> out = new ArrayList<>();
    try (NDManager m = model.manager().newSubManager();
        KvCache cache = model.newCache()) {
      long[] input = prompt;
      for (int step = 0; step < options.maxNewTokens(); step++) {
        float[] logits;
        try (NDScope scope = new NDScope()) {
          NDArray ids = LlamaModel.ids(m, new long[][] {input});
          NDArray all = model.forward(ids, cache, false);
          logits = all.get(new NDIndex(0, input.length - 1)).toFloatArray();
          scope.suppressNotUsedWarning();
        }
        long next = pick(logits, options, random);
        if (options.stopTokens().contains(next)) {
          break;
        }
        out.add(next);
        input = new long[] {next};
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** Encodes {@code prompt}, generates and decodes the continuation. */
  public String generate(
      LlmTokenizer tokenizer, String prompt, long bosId, SamplingOptions options) {
    long[] ids = tokenizer.encode(prompt);
    long[] withBos = ids;
    if (bosId >= 0) {
      withBos = new long[ids.length + 1];
      withBos[0] = bosId;
      System.arraycopy(ids, 0, withBos, 1, ids.length);
    }
    return tokenizer.decode(generate(withBos, options));
  }

  static long pick(float[] logits, SamplingOptions o, Random random) {
    if (o.temperature() == 0) {
      int best = 0;
      for (int i = 1; i < logits.length; i++) {
        if (logits[i] > logits[best]) {
          best = i;
        }
      }
      return best;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp((logits[i] - max) / o.temperature());
      sum += p[i];
    }
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      p[i] /= sum;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    double kept = 0;
    int n = 0;
    while (n < order.length && (n == 0 || kept < o.topP())) {
      kept += p[order[n]];
      n++;
    }
    double r = random.nextDouble() * kept;
    for (int i = 0; i < n; i++) {
      r -= p[order[i]];
      if (r <= 0) {
        return order[i];
      }
    }
    return order[n - 1];
  }
}
