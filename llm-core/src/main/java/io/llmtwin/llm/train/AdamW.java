package io.llmtwin.llm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Adam with decoupled weight decay (Loshchilov and Hutter), updating parameters in place. */
final class AdamW {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final Map<String, NDArray> params;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private final double weightDecay;
  private int t;

  AdamW(Map<String, NDArray> params, double weightDecay) {
    this.params = params;
    this.weightDecay = weightDecay;
    params.forEach(
        (name, p) -> {
          NDArray m = p.zerosLike();
          NDArray v = p.zerosLike();
          NDScope.unregister(m, v);
          firstMoments.put(name, m);
          secondMoments.put(name, v);
        });
  }

  /**
   * Clips the accumulated gradients to a global norm of {@code maxNorm} (0: no clipping, and no
   * norm computed), applies one update with learning rate {@code lr} and zeroes the gradients.
   */
  void step(double lr, double maxNorm) {
    withoutGrad(
        () -> {
          update(lr, maxNorm);
          return null;
        });
  }

  /**
   * Runs {@code body} with PyTorch's autograd recording off. Grad mode is thread-local and only the
   * thread that started DJL's engine gets it off by default: on any other thread (a service's job
   * pool) in-place updates of parameters that require gradients fail otherwise.
   */
  static <T> T withoutGrad(Supplier<T> body) {
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return body.get();
    } finally {
      JniUtils.setGradMode(was);
    }
  }

  private void update(double lr, double maxNorm) {
    t++;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Map<String, NDArray> grads = new LinkedHashMap<>();
      for (var e : params.entrySet()) {
        grads.put(e.getKey(), e.getValue().getGradient());
      }
      double clip = maxNorm > 0 ? clipFactor(grads.values(), maxNorm) : 1.0;
      double bc1 = 1 - Math.pow(BETA1, t);
      double bc2 = 1 - Math.pow(BETA2, t);
      for (var e : params.entrySet()) {
        NDArray p = e.getValue();
        NDArray g = grads.get(e.getKey()).mul(clip);
        NDArray m = firstMoments.get(e.getKey());
        NDArray v = secondMoments.get(e.getKey());
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.pow(2).mul(1 - BETA2));
        NDArray update = m.div(bc1).div(v.div(bc2).sqrt().add(EPS));
        if (weightDecay > 0) {
          p.muli(1 - lr * weightDecay);
        }
        p.subi(update.mul(lr));
        NDArray raw = grads.get(e.getKey());
        raw.subi(raw);
      }
    }
  }

  /** The factor that scales {@code grads} down to a global norm of at most {@code maxNorm}. */
  private static double clipFactor(Collection<NDArray> grads, double maxNorm) {
    double sq = 0;
    for (NDArray g : grads) {
      sq += g.pow(2).sum().getFloat();
    }
    double norm = Math.sqrt(sq);
    return norm > maxNorm ? maxNorm / (norm + 1e-6) : 1.0;
  }

  int stepCount() {
    return t;
  }

  Map<String, NDArray> firstMoments() {
    return firstMoments;
  }

  Map<String, NDArray> secondMoments() {
    return secondMoments;
  }

  void restore(int steps) {
    this.t = steps;
  }
}
