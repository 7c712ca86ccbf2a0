package io.llmtwin.inference.gguf;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import de.kherud.llama.args.PoolingType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * llama.cpp's next-token logits, recovered from embedding mode: the binding cannot return logits or
 * probabilities ({@code n_probs} aborts the JVM, see ADR 0060), but with last-token pooling it
 * returns the final hidden state {@code h = g ⊙ x/rms(x)} (after {@code output_norm}),
 * L2-normalised by the server. Dividing by {@code g} and rescaling to unit RMS recovers {@code h};
 * the logits are then {@code output.weight · h} with the file's own (dequantised) output matrix.
 * Everything up to that last projection is llama.cpp's computation on the file.
 */
final class EmbeddingLogits implements AutoCloseable {

  private final LlamaModel llama;
  private final float[] outputNorm;
  private final float[] output;

  private EmbeddingLogits(LlamaModel llama, float[] outputNorm, float[] output) {
    this.llama = llama;
    this.outputNorm = outputNorm;
    this.output = output;
  }

  /**
   * Loads {@code gguf} in llama.cpp's embedding mode (last-token pooling, F32 KV cache, 2 threads)
   * with the file's {@code output_norm} and {@code output} matrices.
   */
  static EmbeddingLogits open(Path gguf) throws IOException {
    GgufFile file = GgufFile.read(gguf);
    float[] norm = file.tensorValues("output_norm.weight");
    float[] out = file.tensorValues("output.weight");
    LlamaModel llama =
        new LlamaModel(
            new ModelParameters()
                .setModel(gguf.toString())
                .setThreads(2)
                .setCtxSize(256)
                .setCacheTypeK(CacheType.F32)
                .setCacheTypeV(CacheType.F32)
                .enableEmbedding()
                .setPoolingType(PoolingType.LAST)
                .skipWarmup());
    return new EmbeddingLogits(llama, norm, out);
  }

  /** llama.cpp's tokens of {@code text} (without BOS). */
  int[] encode(String text) {
    return llama.encode(text);
  }

  /** llama.cpp's logits of the token after {@code prompt}. */
  double[] nextLogits(String prompt) {
    return of(llama.embed(prompt), outputNorm, output);
  }

  @Override
  public void close() {
    llama.close();
  }

  /**
   * @param embedding what {@code LlamaModel.embed} returned (last-token pooling)
   * @param outputNorm the file's {@code output_norm.weight}
   * @param output the file's {@code output.weight}, row-major {@code [vocab, dim]}
   */
  private static double[] of(float[] embedding, float[] outputNorm, float[] output) {
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
