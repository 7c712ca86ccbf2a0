package io.llmtwin.inference.gguf;

/**
 * The precision of a converted model: the type of its 2-D weight matrices ({@code
 * general.file_type} follows llama.cpp's {@code LLAMA_FTYPE_*} numbering). Norm vectors always stay
 * F32.
 */
public enum GgufFileType {
  /** Everything in 32-bit floats. */
  F32(0, GgmlType.F32),
  /** Matrices in fp16. */
  F16(1, GgmlType.F16),
  /** Matrices in 4-bit blocks (LLAMA_FTYPE_MOSTLY_Q4_0). */
  Q4_0(2, GgmlType.Q4_0),
  /** Matrices in 8-bit blocks (LLAMA_FTYPE_MOSTLY_Q8_0); the default. */
  Q8_0(7, GgmlType.Q8_0);

  private final int id;
  private final GgmlType matrixType;

  GgufFileType(int id, GgmlType matrixType) {
    this.id = id;
    this.matrixType = matrixType;
  }

  /** The value of {@code general.file_type}. */
  public int id() {
    return id;
  }

  /** The type used for weight matrices whose rows fit its block size. */
  public GgmlType matrixType() {
    return matrixType;
  }
}
