package io.llmtwin.llm.qlora;

import io.llmtwin.llm.checkpoint.HostTensor;

/**
 * 4-bit NormalFloat quantisation (QLoRA, Dettmers et al. 2023): values are split into blocks of
 * {@value #BLOCK}, each block is scaled by its absolute maximum and every value is mapped to the
 * nearest of 16 levels that are quantiles of a standard normal. Two codes are packed per byte, the
 * first in the high nibble. With double quantisation the per-block absmax values are themselves
 * stored as int8 (symmetric, per group of {@value #SCALE_GROUP} blocks, after subtracting their
 * mean).
 */
public final class Nf4 {

  /** Values per quantisation block. */
  public static final int BLOCK = 64;

  /** Blocks per group of double-quantised scales. */
  public static final int SCALE_GROUP = 256;

  /** The 16 NF4 levels, ascending; index 7 is exactly 0. */
  static final float[] LEVELS = {
    -1.0f,
    -0.6961928009986877f,
    -0.5250730514526367f,
    -0.39491748809814453f,
    -0.28444138169288635f,
    -0.18477343022823334f,
    -0.09105003625154495f,
    0.0f,
    0.07958029955625534f,
    0.16093020141124725f,
    0.24611230194568634f,
    0.33791524171829224f,
    0.44070982933044434f,
    0.5626170039176941f,
    0.7229568362236023f,
    1.0f
  };

  /** Largest distance of a value in [-1, 1] to its nearest level (half the widest gap). */
  public static final double MAX_LEVEL_ERROR = (LEVELS[1] - LEVELS[0]) / 2.0;

  private static final float[] MIDPOINTS = new float[15];

  static {
    for (int i = 0; i < 15; i++) {
      MIDPOINTS[i] = (LEVELS[i] + LEVELS[i + 1]) / 2;
    }
  }

  private Nf4() {}

  /** Quantises a tensor (any shape; flattened row-major). */
  public static Nf4Tensor quantize(HostTensor t, boolean doubleQuantization) {
    float[] x = t.data();
    int n = x.length;
    int blocks = (n + BLOCK - 1) / BLOCK;
    byte[] packed = new byte[blocks * BLOCK / 2];
    float[] absmax = new float[blocks];
    for (int b = 0; b < blocks; b++) {
      int from = b * BLOCK;
      int to = Math.min(n, from + BLOCK);
      float max = 0;
      for (int i = from; i < to; i++) {
        max = Math.max(max, Math.abs(x[i]));
      }
      absmax[b] = max;
    }
    Nf4Tensor.Scales scales =
        doubleQuantization ? Nf4Tensor.Scales.quantized(absmax) : Nf4Tensor.Scales.plain(absmax);
    float[] effective = scales.dequantize();
    for (int b = 0; b < blocks; b++) {
      float scale = effective[b];
      for (int j = 0; j < BLOCK; j++) {
        int i = b * BLOCK + j;
        int code = i < n && scale > 0 ? nearest(x[i] / scale) : 7;
        int byteIndex = i / 2;
        if ((i & 1) == 0) {
          packed[byteIndex] = (byte) (code << 4);
        } else {
          packed[byteIndex] = (byte) (packed[byteIndex] | code);
        }
      }
    }
    return new Nf4Tensor(t.shape(), packed, scales);
  }

  /** Index of the level nearest to {@code v} (clamped to [-1, 1]). */
  static int nearest(float v) {
    int lo = 0;
    int hi = 15;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (v > MIDPOINTS[mid]) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Dequantises back to float32. */
  public static HostTensor dequantize(Nf4Tensor q) {
    int n = (int) HostTensor.elementCount(q.shape());
    float[] scales = q.scales().dequantize();
    float[] out = new float[n];
    byte[] packed = q.packed();
    for (int i = 0; i < n; i++) {
      int b = packed[i / 2] & 0xFF;
      int code = (i & 1) == 0 ? b >>> 4 : b & 0x0F;
      out[i] = LEVELS[code] * scales[i / BLOCK];
    }
    return new HostTensor(q.shape(), out);
  }
}
