package io.llmtwin.llm.checkpoint;

import java.util.Arrays;

/**
 * A tensor held in Java memory as float32 values in row-major order, the currency between
 * checkpoint files and the engine.
 *
 * @param shape dimensions, outermost first
 * @param data values, row-major; its length is the product of {@code shape}
 */
public record HostTensor(long[] shape, float[] data) {

  /** Validates that the data length matches the shape. */
  public HostTensor {
    shape = shape.clone();
    long n = elementCount(shape);
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
  }

  /** Number of elements a tensor of this shape holds. */
  public static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    return n;
  }

  /** Returns the shape (a copy). */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostTensor t
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "HostTensor" + Arrays.toString(shape);
  }
}
