package io.llmtwin.llm.qlora;

/**
 * An NF4-quantised tensor.
 *
 * @param shape original shape
 * @param packed two 4-bit codes per byte (high nibble first), padded to whole blocks
 * @param scales per-block absmax values, plain or double-quantised
 */
public record Nf4Tensor(long[] shape, byte[] packed, Scales scales) {

  /** Copies arrays. */
  public Nf4Tensor {
    shape = shape.clone();
  }

  /** Bytes held: packed codes plus scales. */
  public long bytes() {
    return packed.length + scales.bytes();
  }

  /**
   * Block scales: either fp32 absmax values, or int8 codes with one fp32 factor per {@link
   * Nf4#SCALE_GROUP} blocks plus a global offset (double quantisation).
   *
   * @param absmax plain scales (empty when double-quantised)
   * @param codes int8 codes of (absmax - offset), padded to whole groups (empty when plain)
   * @param groupScales factor per group: code/127 * factor + offset
   * @param offset mean of the absmax values
   * @param blocks number of blocks
   */
  public record Scales(
      float[] absmax, byte[] codes, float[] groupScales, float offset, int blocks) {

    static Scales plain(float[] absmax) {
      return new Scales(absmax.clone(), new byte[0], new float[0], 0, absmax.length);
    }

    static Scales quantized(float[] absmax) {
      int blocks = absmax.length;
      double mean = 0;
      for (float a : absmax) {
        mean += a;
      }
      float offset = (float) (mean / Math.max(1, blocks));
      int groups = (blocks + Nf4.SCALE_GROUP - 1) / Nf4.SCALE_GROUP;
      byte[] codes = new byte[groups * Nf4.SCALE_GROUP];
      float[] factors = new float[groups];
      for (int g = 0; g < groups; g++) {
        float max = 0;
        for (int b = g * Nf4.SCALE_GROUP; b < Math.min(blocks, (g + 1) * Nf4.SCALE_GROUP); b++) {
          max = Math.max(max, Math.abs(absmax[b] - offset));
        }
        factors[g] = max;
        for (int b = g * Nf4.SCALE_GROUP; b < Math.min(blocks, (g + 1) * Nf4.SCALE_GROUP); b++) {
          codes[b] = max == 0 ? 0 : (byte) Math.round((absmax[b] - offset) / max * 127);
        }
      }
      return new Scales(new float[0], codes, factors, offset, blocks);
    }

    /** Whether the scales are double-quantised. */
    public boolean doubleQuantized() {
      return codes.length > 0;
    }

    /** The per-block scales as float32. */
    public float[] dequantize() {
      if (!doubleQuantized()) {
        return absmax.clone();
      }
      float[] out = new float[blocks];
      for (int b = 0; b < blocks; b++) {
        out[b] = codes[b] / 127f * groupScales[b / Nf4.SCALE_GROUP] + offset;
      }
      return out;
    }

    long bytes() {
      return doubleQuantized() ? codes.length + groupScales.length * 4L + 4 : absmax.length * 4L;
    }
  }
}
