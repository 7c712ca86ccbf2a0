package io.llmtwin.llm.model;

import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import java.util.Map;

/**
 * An independent, deliberately naive Llama forward pass in double precision with plain loops; the
 * oracle for the engine implementation.
 */
final class ReferenceLlama {

  private final LlamaConfig c;
  private final Map<String, HostTensor> w;

  ReferenceLlama(LlamaConfig c, Map<String, HostTensor> w) {
    this.c = c;
    this.w = w;
  }

  /** Logits [seq][vocab] for one sequence. */
  double[][] logits(long[] ids) {
    int n = ids.length;
    int h = c.hiddenSize();
    double[][] x = new double[n][h];
    float[] emb = w.get("model.embed_tokens.weight").data();
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < h; j++) {
        x[t][j] = emb[(int) ids[t] * h + j];
      }
    }
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = "model.layers." + l + ".";
      double[][] a = new double[n][];
      for (int t = 0; t < n; t++) {
        a[t] = norm(x[t], p + "input_layernorm.weight");
      }
      double[][] att = attention(a, p);
      for (int t = 0; t < n; t++) {
        for (int j = 0; j < h; j++) {
          x[t][j] += att[t][j];
        }
      }
      for (int t = 0; t < n; t++) {
        double[] b = norm(x[t], p + "post_attention_layernorm.weight");
        double[] g = matVec(p + "mlp.gate_proj", b);
        double[] u = matVec(p + "mlp.up_proj", b);
        double[] z = new double[g.length];
        for (int i = 0; i < g.length; i++) {
          z[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
        }
        double[] d = matVec(p + "mlp.down_proj", z);
        for (int j = 0; j < h; j++) {
          x[t][j] += d[j];
        }
      }
    }
    String head = c.tieWordEmbeddings() ? "model.embed_tokens" : "lm_head";
    double[][] out = new double[n][];
    for (int t = 0; t < n; t++) {
      out[t] = matVec(head, norm(x[t], "model.norm.weight"));
    }
    return out;
  }

  private double[][] attention(double[][] a, String p) {
    int n = a.length;
    int heads = c.numAttentionHeads();
    int kvHeads = c.numKeyValueHeads();
    int d = c.headDim();
    double[][] q = new double[n][];
    double[][] k = new double[n][];
    double[][] v = new double[n][];
    for (int t = 0; t < n; t++) {
      q[t] = matVec(p + "self_attn.q_proj", a[t]);
      k[t] = matVec(p + "self_attn.k_proj", a[t]);
      v[t] = matVec(p + "self_attn.v_proj", a[t]);
      rotate(q[t], heads, t);
      rotate(k[t], kvHeads, t);
    }
    double[][] out = new double[n][heads * d];
    for (int hd = 0; hd < heads; hd++) {
      int kvh = hd / (heads / kvHeads);
      for (int t = 0; t < n; t++) {
        double[] s = new double[t + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= t; j++) {
          double dot = 0;
          for (int e = 0; e < d; e++) {
            dot += q[t][hd * d + e] * k[j][kvh * d + e];
          }
          s[j] = dot / Math.sqrt(d);
          max = Math.max(max, s[j]);
        }
        double sum = 0;
        for (int j = 0; j <= t; j++) {
          s[j] = Math.exp(s[j] - max);
          sum += s[j];
        }
        for (int j = 0; j <= t; j++) {
          for (int e = 0; e < d; e++) {
            out[t][hd * d + e] += s[j] / sum * v[j][kvh * d + e];
          }
        }
      }
    }
    double[][] o = new double[n][];
    for (int t = 0; t < n; t++) {
      o[t] = matVec(p + "self_attn.o_proj", out[t]);
    }
    return o;
  }

  /** Rotates pairs (i, i + d/2) of every head by angle pos * freq_i. */
  private void rotate(double[] vec, int heads, int pos) {
    int d = c.headDim();
    double[] inv = c.ropeScaling().inverseFrequencies(d, c.ropeTheta());
    for (int hd = 0; hd < heads; hd++) {
      for (int i = 0; i < d / 2; i++) {
        double angle = pos * inv[i];
        double x1 = vec[hd * d + i];
        double x2 = vec[hd * d + i + d / 2];
        vec[hd * d + i] = x1 * Math.cos(angle) - x2 * Math.sin(angle);
        vec[hd * d + i + d / 2] = x2 * Math.cos(angle) + x1 * Math.sin(angle);
      }
    }
  }

  private double[] norm(double[] x, String weight) {
    double ss = 0;
    for (double v : x) {
      ss += v * v;
    }
    double r = 1 / Math.sqrt(ss / x.length + c.rmsNormEps());
    float[] g = w.get(weight).data();
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * r * g[i];
    }
    return out;
  }

  private double[] matVec(String name, double[] x) {
    HostTensor m = w.get(name + ".weight");
    int rows = (int) m.shape()[0];
    int cols = (int) m.shape()[1];
    double[] out = new double[rows];
    HostTensor bias = w.get(name + ".bias");
    for (int r = 0; r < rows; r++) {
      double s = bias == null ? 0 : bias.data()[r];
      for (int j = 0; j < cols; j++) {
        s += m.data()[r * cols + j] * x[j];
      }
      out[r] = s;
    }
    return out;
  }
}
