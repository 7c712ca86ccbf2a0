package io.llmtwin.inference.gguf;

/**
 * IEEE 754 binary16 conversion with round-to-nearest-even (what ggml's F16C path does). Java 17
 * lacks {@code Float.floatToFloat16}, so the bit twiddling lives here.
 */
final class HalfFloat {

  private HalfFloat() {}

  /** Converts a float to half-float bits, rounding to nearest, ties to even. */
  static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xFF;
    int mant = bits & 0x7FFFFF;
    if (exp == 0xFF) { // Inf or NaN
      return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1F) { // overflow to infinity
      return (short) (sign | 0x7C00);
    }
    if (e <= 0) { // subnormal half or zero
      if (e < -10) {
        return (short) sign;
      }
      int m = mant | 0x800000; // implicit leading one
      int shift = 14 - e; // 24-bit significand down to the subnormal position
      int half = m >>> shift;
      int rest = m & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >>> 13);
    int rest = mant & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
      half++; // may carry into the exponent, which is the correct rounding (up to infinity)
    }
    return (short) (sign | half);
  }

  /** Converts half-float bits to a float (exact). */
  static float toFloat(short halfBits) {
    int h = halfBits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0) {
      float magnitude = mant * 0x1p-24f;
      return sign != 0 ? -magnitude : magnitude;
    }
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}
