package io.llmtwin.llm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmtwin.llm.model.LlamaModel;
import java.util.List;

/** Next-token cross-entropy on response tokens only; prompt and padding positions are masked. */
final class CausalLmLoss {

  private CausalLmLoss() {}

  /** Result of one batch: the mean loss (a scalar array) and the number of loss tokens. */
  record Batch(NDArray loss, int lossTokens, int inputTokens) {}

  static Batch compute(
      LlamaModel model, NDManager m, List<TrainingExample> batch, boolean training) {
    int len = 0;
    for (TrainingExample e : batch) {
      len = Math.max(len, e.ids().length - 1);
    }
    int b = batch.size();
    long[] input = new long[b * len];
    long[] target = new long[b * len];
    float[] mask = new float[b * len];
    int lossTokens = 0;
    int inputTokens = 0;
    for (int r = 0; r < b; r++) {
      long[] ids = batch.get(r).ids();
      int prompt = batch.get(r).promptLength();
      for (int t = 0; t < ids.length - 1; t++) {
        input[r * len + t] = ids[t];
        target[r * len + t] = ids[t + 1];
        if (t + 1 >= prompt) {
          mask[r * len + t] = 1;
          lossTokens++;
        }
      }
      inputTokens += ids.length - 1;
    }
    NDArray inputs = m.create(input, new Shape(b, len));
    NDArray targets = m.create(target, new Shape(b, len, 1));
    NDArray weights = m.create(mask, new Shape(b, len));
    NDArray logits = model.forward(inputs, training);
    NDArray logp = logits.logSoftmax(2);
    NDArray picked = logp.gather(targets, 2).reshape(b, len);
    NDArray loss =
        picked.mul(weights).sum().neg().div(LlamaModel.scalar(picked, Math.max(1, lossTokens)));
    return new Batch(loss, lossTokens, inputTokens);
  }
}
