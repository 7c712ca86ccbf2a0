package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An independent, deliberately plain double-precision Llama forward pass over Hugging Face-layout
 * weights (rotate-half RoPE, grouped-query attention, SwiGLU, RMSNorm). No KV cache: every call
 * recomputes the whole sequence, so it is slow but obviously correct.
 */
final class ReferenceLlama {

  private final Map<String, HostTensor> w;
  private final int dim;
  private final int layers;
  private final int heads;
  private final int kvHeads;
  private final int headDim;
  private final int ff;
  private final int vocab;
  private final double theta;
  private final double eps;

  ReferenceLlama(
      Map<String, HostTensor> weights,
      int dim,
      int layers,
      int heads,
      int kvHeads,
      int ff,
      int vocab,
      double theta,
      double eps) {
    this.w = weights;
    this.dim = dim;
    this.layers = layers;
    this.heads = heads;
    this.kvHeads = kvHeads;
    this.headDim = dim / heads;
    this.ff = ff;
    this.vocab = vocab;
    this.theta = theta;
    this.eps = eps;
  }

  static ReferenceLlama of(TinyLlama m) {
    return new ReferenceLlama(
        m.tensors,
        TinyLlama.DIM,
        TinyLlama.LAYERS,
        TinyLlama.HEADS,
        TinyLlama.KV_HEADS,
        TinyLlama.FF,
        TinyLlama.VOCAB,
        TinyLlama.ROPE_THETA,
        TinyLlama.RMS_EPS);
  }

  /** Logits for the token following {@code tokens}. */
  double[] nextLogits(List<Integer> tokens) {
    int n = tokens.size();
    double[][] x = new double[n][];
    float[] emb = w.get("model.embed_tokens.weight").data();
    for (int t = 0; t < n; t++) {
      x[t] = new double[dim];
      for (int i = 0; i < dim; i++) {
        x[t][i] = emb[tokens.get(t) * dim + i];
      }
    }
    for (int l = 0; l < layers; l++) {
      String p = "model.layers." + l + ".";
      double[][] q = new double[n][];
      double[][] k = new double[n][];
      double[][] v = new double[n][];
      for (int t = 0; t < n; t++) {
        double[] h = rmsNorm(x[t], p + "input_layernorm.weight");
        q[t] = rope(matVec(p + "self_attn.q_proj.weight", h), heads, t);
        k[t] = rope(matVec(p + "self_attn.k_proj.weight", h), kvHeads, t);
        v[t] = matVec(p + "self_attn.v_proj.weight", h);
      }
      for (int t = 0; t < n; t++) {
        double[] attn = new double[heads * headDim];
        for (int h = 0; h < heads; h++) {
          int kvh = h / (heads / kvHeads);
          double[] scores = new double[t + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int s = 0; s <= t; s++) {
            double dot = 0;
            for (int i = 0; i < headDim; i++) {
              dot += q[t][h * headDim + i] * k[s][kvh * headDim + i];
            }
            scores[s] = dot / Math.sqrt(headDim);
            max = Math.max(max, scores[s]);
          }
          double sum = 0;
          for (int s = 0; s <= t; s++) {
            scores[s] = Math.exp(scores[s] - max);
            sum += scores[s];
          }
          for (int s = 0; s <= t; s++) {
            for (int i = 0; i < headDim; i++) {
              attn[h * headDim + i] += scores[s] / sum * v[s][kvh * headDim + i];
            }
          }
        }
        double[] o = matVec(p + "self_attn.o_proj.weight", attn);
        for (int i = 0; i < dim; i++) {
          x[t][i] += o[i];
        }
      }
      for (int t = 0; t < n; t++) {
        double[] h = rmsNorm(x[t], p + "post_attention_layernorm.weight");
        double[] g = matVec(p + "mlp.gate_proj.weight", h);
        double[] u = matVec(p + "mlp.up_proj.weight", h);
        double[] a = new double[ff];
        for (int i = 0; i < ff; i++) {
          a[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
        }
        double[] d = matVec(p + "mlp.down_proj.weight", a);
        for (int i = 0; i < dim; i++) {
          x[t][i] += d[i];
        }
      }
    }
    double[] last = rmsNorm(x[n - 1], "model.norm.weight");
    double[] logits = matVec("lm_head.weight", last);
    if (logits.length != vocab) {
      throw new IllegalStateException("vocab mismatch");
    }
    return logits;
  }

  /** Greedy continuation of up to {@code maxTokens}, ending after {@code eos} if chosen. */
  List<Integer> greedy(List<Integer> prompt, int maxTokens, int eos) {
    List<Integer> seq = new ArrayList<>(prompt);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < maxTokens; i++) {
      double[] logits = nextLogits(seq);
      int best = -1;
      for (int t = 0; t < logits.length; t++) {
        if (best < 0 || logits[t] > logits[best]) {
          best = t;
        }
      }
      seq.add(best);
      out.add(best);
      if (best == eos) {
        break;
      }
    }
    return out;
  }

  static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private double[] rmsNorm(double[] x, String weight) {
    float[] g = w.get(weight).data();
    double ss = 0;
    for (double v : x) {
      ss += v * v;
    }
    double scale = 1.0 / Math.sqrt(ss / x.length + eps);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * scale * g[i];
    }
    return out;
  }

  private double[] matVec(String weight, double[] x) {
    HostTensor t = w.get(weight);
    int rows = (int) t.shape()[0];
    int cols = (int) t.shape()[1];
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int c = 0; c < cols; c++) {
        s += t.data()[r * cols + c] * x[c];
      }
      out[r] = s;
    }
    return out;
  }

  /** Hugging Face rotate-half RoPE: dimension i pairs with i + headDim/2. */
  private double[] rope(double[] v, int nHeads, int pos) {
    double[] out = v.clone();
    int half = headDim / 2;
    for (int h = 0; h < nHeads; h++) {
      for (int i = 0; i < half; i++) {
        double freq = Math.pow(theta, -2.0 * i / headDim);
        double angle = pos * freq;
        double a = v[h * headDim + i];
        double b = v[h * headDim + i + half];
        out[h * headDim + i] = a * Math.cos(angle) - b * Math.sin(angle);
        out[h * headDim + i + half] = b * Math.cos(angle) + a * Math.sin(angle);
      }
    }
    return out;
  }
}
