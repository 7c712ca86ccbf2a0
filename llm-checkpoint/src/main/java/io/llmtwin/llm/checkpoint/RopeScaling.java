package io.llmtwin.llm.checkpoint;

/**
 * The {@code rope_scaling} block of a config: {@code default} (none), {@code linear} (positions
 * divided by {@code factor}) or {@code llama3} (wavelength-dependent frequency scaling).
 *
 * @param type "default", "linear" or "llama3"
 * @param factor scaling factor
 * @param lowFreqFactor llama3 only
 * @param highFreqFactor llama3 only
 * @param originalMaxPositionEmbeddings llama3 only
 */
public record RopeScaling(
    String type,
    double factor,
    double lowFreqFactor,
    double highFreqFactor,
    int originalMaxPositionEmbeddings) {

  /** No scaling. */
  public static final RopeScaling NONE = new RopeScaling("default", 1.0, 1.0, 4.0, 8192);

  /** Validates the type. */
  public RopeScaling {
    if (!type.equals("default") && !type.equals("linear") && !type.equals("llama3")) {
      throw new CheckpointException(
          "unsupported rope_scaling type " + type + " (supported: linear, llama3)");
    }
    if (factor <= 0) {
      throw new CheckpointException("rope_scaling factor must be positive");
    }
  }

  /** Linear scaling by {@code factor}. */
  public static RopeScaling linear(double factor) {
    return new RopeScaling("linear", factor, 1.0, 4.0, 8192);
  }

  /** Llama 3.1-style scaling. */
  public static RopeScaling llama3(
      double factor, double lowFreqFactor, double highFreqFactor, int originalMax) {
    return new RopeScaling("llama3", factor, lowFreqFactor, highFreqFactor, originalMax);
  }

  /**
   * Inverse frequencies for a head of dimension {@code headDim}: {@code theta^(-2i/d)} adjusted by
   * this scaling.
   */
  public double[] inverseFrequencies(int headDim, double theta) {
    int half = headDim / 2;
    double[] inv = new double[half];
    for (int i = 0; i < half; i++) {
      double f = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
      inv[i] =
          switch (type) {
            case "linear" -> f / factor;
            case "llama3" -> llama3Frequency(f);
            default -> f;
          };
    }
    return inv;
  }

  private double llama3Frequency(double f) {
    double lowWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
    double highWavelen = originalMaxPositionEmbeddings / highFreqFactor;
    double wavelen = 2 * Math.PI / f;
    if (wavelen < highWavelen) {
      return f;
    }
    if (wavelen > lowWavelen) {
      return f / factor;
    }
    double smooth =
        (originalMaxPositionEmbeddings / wavelen - lowFreqFactor)
            / (highFreqFactor - lowFreqFactor);
    return (1 - smooth) * f / factor + smooth * f;
  }
}
