package io.llmtwin.inference.gguf;

/**
 * llama.cpp's next-token logits, recovered from embedding mode: the binding cannot return logits or
 * probabilities ({@code n_probs} aborts the JVM, see ADR 0060), but with last-token pooling it
 * returns the final hidden state {@code h = g ⊙ x/rms(x)} (after {@code output_norm}),
 * L2-normalised by the server. Dividing by {@code g} and rescaling to unit RMS recovers {@code h};
 * the logits are then {@code output.weight · h} with the file's own (dequantised) output matrix.
 * Everything up to that last projection is llama.cpp's computation on the file.
 */
final class EmbeddingLogits {

  private EmbeddingLogits() {}

  /**
   * @param embedding what {@code LlamaModel.embed} returned (last-token pooling)
   * @param outputNorm the file's {@code output_norm.weight}
   * @param output the file's {@code output.weight}, row-major {@code [vocab, dim]}
   */
  static double[] of(float[] embedding, float[] outputNorm, float[] output) {
    double[] h = hiddenState(embedding, outputNorm);
    double[] logits = new double[output.length / h.length];
    for (int v = 0; v < logits.length; v++) {
      for (int i = 0; i < h.length; i++) {
        logits[v] += output[v * h.length + i] * h[i];
      }
    }
    return logits;
  }

  /** Undoes the server's L2 normalisation using RMSNorm's unit-RMS property. */
  private static double[] hiddenState(float[] normalised, float[] gain) {
    double[] z = new double[normalised.length];
    double ss = 0;
    for (int i = 0; i < z.length; i++) {
      z[i] = normalised[i] / (double) gain[i];
      ss += z[i] * z[i];
    }
    double scale = 1.0 / Math.sqrt(ss / z.length);
    double[] h = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      h[i] = z[i] * scale * gain[i];
    }
    return h;
  }
}
