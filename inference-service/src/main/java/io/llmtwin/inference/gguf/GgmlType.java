package io.llmtwin.inference.gguf;

/**
 * The ggml tensor element types this converter writes, with ggml's numeric ids and block layouts.
 *
 * <p>Quantised types store blocks of {@link #blockSize()} consecutive values of one row in {@link
 * #blockBytes()} bytes; a row's length must be a multiple of the block size.
 */
public enum GgmlType {
  /** 32-bit IEEE float. */
  F32(0, 1, 4),
  /** 16-bit IEEE half float. */
  F16(1, 1, 2),
  /** 32 values: one fp16 scale, then 16 bytes of 4-bit values (offset 8). */
  Q4_0(2, 32, 2 + 16),
  /** 32 values: one fp16 scale, then 32 signed bytes. */
  Q8_0(8, 32, 2 + 32);

  private final int id;
  private final int blockSize;
  private final int blockBytes;

  GgmlType(int id, int blockSize, int blockBytes) {
    this.id = id;
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
  }

  /** The id ggml uses for this type in GGUF tensor infos. */
  public int id() {
    return id;
  }

  /** Values per block (1 for the float types). */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes per block. */
  public int blockBytes() {
    return blockBytes;
  }

  /** Whether rows of {@code rowLength} values can be stored in this type. */
  public boolean fitsRowLength(long rowLength) {
    return rowLength > 0 && rowLength % blockSize == 0;
  }

  /** Bytes needed for {@code elements} values (a multiple of the block size). */
  public long bytesFor(long elements) {
    if (elements % blockSize != 0) {
      throw new IllegalArgumentException(
          this + " needs a multiple of " + blockSize + " values, got " + elements);
    }
    return elements / blockSize * blockBytes;
  }

  /** The type with the given ggml id. */
  public static GgmlType byId(int id) {
    for (GgmlType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    throw new IllegalArgumentException("unsupported ggml type id " + id);
  }
}
