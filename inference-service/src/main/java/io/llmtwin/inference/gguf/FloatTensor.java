package io.llmtwin.inference.gguf;

import java.util.Arrays;

/**
 * A dense tensor in PyTorch layout: {@code shape[0]} is the outermost dimension, values row-major.
 */
public record FloatTensor(long[] shape, float[] values) {

  /** Checks that the values fill the shape. */
  public FloatTensor {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + values.length);
    }
  }

  /** The length of the innermost (contiguous) dimension. */
  public long rowLength() {
    return shape[shape.length - 1];
  }
}
