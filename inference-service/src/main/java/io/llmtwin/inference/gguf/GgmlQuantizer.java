package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.HalfFloats;
import io.llmtwin.llm.checkpoint.TensorDType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes float rows into ggml's storage formats, following ggml's reference quantisers ({@code
 * quantize_row_q8_0_ref}, {@code quantize_row_q4_0_ref}) so files match {@code llama-quantize}
 * output up to half-way rounding ties.
 *
 * <ul>
 *   <li>Q8_0: per block of 32, {@code d = max|x| / 127}, {@code q = round(x / d)} (half away from
 *       zero), stored as fp16 d followed by 32 signed bytes.
 *   <li>Q4_0: per block of 32, take the value {@code m} with the largest magnitude (keeping its
 *       sign), {@code d = m / -8}, {@code q = min(15, trunc(x / d + 8.5))}; byte {@code j} holds
 *       value {@code j} in its low nibble and value {@code j + 16} in its high nibble.
 * </ul>
 *
 * Quantisation works on whole rows: the row length must be a multiple of 32 (ggml rejects other
 * shapes; the converter falls back to F16 for such tensors, as llama.cpp's converter does).
 */
public final class GgmlQuantizer {

  private GgmlQuantizer() {}

  /**
   * Encodes {@code values} (rows of {@code rowLength} values each, row-major) as {@code type}.
   *
   * @throws IllegalArgumentException if the row length does not fit the type's block size
   */
  public static byte[] encode(GgmlType type, float[] values, long rowLength) {
    if (!type.fitsRowLength(rowLength) || values.length % rowLength != 0) {
      throw new IllegalArgumentException(
          type
              + " needs rows whose length is a multiple of "
              + type.blockSize()
              + "; row length "
              + rowLength
              + ", "
              + values.length
              + " values");
    }
    ByteBuffer out =
        ByteBuffer.allocate(Math.toIntExact(type.bytesFor(values.length)))
            .order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case F32 -> TensorDType.F32.encode(values, out);
      case F16 -> TensorDType.F16.encode(values, out);
      case Q8_0 -> {
        for (int block = 0; block < values.length; block += 32) {
          encodeQ8Block(values, block, out);
        }
      }
      case Q4_0 -> {
        for (int block = 0; block < values.length; block += 32) {
          encodeQ4Block(values, block, out);
        }
      }
    }
    return out.array();
  }

  /** Decodes {@code count} values stored as {@code type} (the inverse of {@link #encode}). */
  public static float[] decode(GgmlType type, byte[] data, int count) {
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[count];
    switch (type) {
      case F32 -> TensorDType.F32.decode(in, out);
      case F16 -> TensorDType.F16.decode(in, out);
      case Q8_0 -> {
        for (int block = 0; block < count; block += 32) {
          float d = HalfFloats.halfToFloat(in.getShort());
          for (int j = 0; j < 32; j++) {
            out[block + j] = in.get() * d;
          }
        }
      }
      case Q4_0 -> {
        for (int block = 0; block < count; block += 32) {
          float d = HalfFloats.halfToFloat(in.getShort());
          for (int j = 0; j < 16; j++) {
            int packed = in.get() & 0xFF;
            out[block + j] = ((packed & 0x0F) - 8) * d;
            out[block + j + 16] = ((packed >>> 4) - 8) * d;
          }
        }
      }
    }
    return out;
  }

  private static void encodeQ8Block(float[] x, int start, ByteBuffer out) {
    float amax = 0f;
    for (int j = 0; j < 32; j++) {
      amax = Math.max(amax, Math.abs(x[start + j]));
    }
    float d = amax / 127f;
    float id = d != 0f ? 1f / d : 0f;
    out.putShort(HalfFloats.floatToHalf(d));
    for (int j = 0; j < 32; j++) {
      out.put((byte) roundHalfAwayFromZero(x[start + j] * id));
    }
  }

  private static void encodeQ4Block(float[] x, int start, ByteBuffer out) {
    float amax = 0f;
    float max = 0f;
    for (int j = 0; j < 32; j++) {
      float v = x[start + j];
      if (amax < Math.abs(v)) {
        amax = Math.abs(v);
        max = v;
      }
    }
    float d = max / -8f;
    float id = d != 0f ? 1f / d : 0f;
    out.putShort(HalfFloats.floatToHalf(d));
    for (int j = 0; j < 16; j++) {
      int lo = Math.min(15, (byte) (int) (x[start + j] * id + 8.5f));
      int hi = Math.min(15, (byte) (int) (x[start + 16 + j] * id + 8.5f));
      out.put((byte) ((lo & 0x0F) | (hi << 4)));
    }
  }

  private static int roundHalfAwayFromZero(float v) {
    double magnitude = Math.floor(Math.abs((double) v) + 0.5);
    return (int) (v < 0 ? -magnitude : magnitude);
  }
}
