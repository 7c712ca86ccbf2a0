package io.llmtwin.llm.checkpoint;

import java.nio.ByteBuffer;

/** Floating-point storage types of safetensors files that this code reads and writes. */
public enum TensorDType {
  /** IEEE 754 binary32. */
  F32(4),
  /** IEEE 754 binary16. */
  F16(2),
  /** bfloat16: the upper 16 bits of a binary32. */
  BF16(2);

  private final int bytes;

  TensorDType(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** Parses the safetensors dtype name, rejecting anything that is not a supported float type. */
  public static TensorDType fromSafetensors(String name) {
    return switch (name) {
      case "F32" -> F32;
      case "F16" -> F16;
      case "BF16" -> BF16;
      default ->
          throw new CheckpointException(
              "unsupported safetensors dtype " + name + " (supported: F32, F16, BF16)");
    };
  }

  /** Reads {@code out.length} values of this type from a little-endian buffer. */
  public void decode(ByteBuffer in, float[] out) {
    switch (this) {
      case F32 -> in.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = HalfFloats.halfToFloat(in.getShort());
        }
      }
      case BF16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
        }
      }
    }
  }

  /** Writes {@code values} in this type into a little-endian buffer. */
  public void encode(float[] values, ByteBuffer out) {
    switch (this) {
      case F32 -> {
        for (float v : values) {
          out.putFloat(v);
        }
      }
      case F16 -> {
        for (float v : values) {
          out.putShort(HalfFloats.floatToHalf(v));
        }
      }
      case BF16 -> {
        for (float v : values) {
          out.putShort(HalfFloats.floatToBfloat16(v));
        }
      }
    }
  }
}
