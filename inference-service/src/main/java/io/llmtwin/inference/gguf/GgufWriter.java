package io.llmtwin.inference.gguf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes GGUF version 3 files: header, key/value metadata, tensor infos, then the tensor data, each
 * tensor starting at a multiple of the alignment ({@code general.alignment}, 32 by default).
 *
 * <p>Tensor data is pulled lazily from a {@link TensorData} callback while writing, so a model
 * never has to sit in memory twice. Metadata values may be {@link String}, {@link Boolean}, {@link
 * Integer} (written as uint32 unless wrapped in {@link Int32}), {@link Long} (uint64), {@link
 * Float}, {@link Double}, {@code String[]}, {@code float[]}, {@code int[]} (int32 arrays).
 */
public final class GgufWriter {

  static final int MAGIC = 0x46554747; // "GGUF" little endian
  static final int VERSION = 3;
  static final int DEFAULT_ALIGNMENT = 32;

  // GGUF metadata value types
  static final int TYPE_UINT8 = 0;
  static final int TYPE_INT8 = 1;
  static final int TYPE_UINT16 = 2;
  static final int TYPE_INT16 = 3;
  static final int TYPE_UINT32 = 4;
  static final int TYPE_INT32 = 5;
  static final int TYPE_FLOAT32 = 6;
  static final int TYPE_BOOL = 7;
  static final int TYPE_STRING = 8;
  static final int TYPE_ARRAY = 9;
  static final int TYPE_UINT64 = 10;
  static final int TYPE_INT64 = 11;
  static final int TYPE_FLOAT64 = 12;

  /** A signed 32-bit metadata value (plain {@link Integer}s are written as uint32). */
  public record Int32(int value) {}

  /** Supplies a tensor's encoded bytes when the writer reaches it. */
  @FunctionalInterface
  public interface TensorData {
    /** The encoded bytes; their length must match the tensor's type and shape. */
    byte[] bytes() throws IOException;
  }

  private record PendingTensor(String name, long[] dims, GgmlType type, TensorData data) {
    long byteSize() {
      long elements = 1;
      for (long d : dims) {
        elements *= d;
      }
      return type.bytesFor(elements);
    }
  }

  private final Map<String, Object> metadata = new LinkedHashMap<>();
  private final List<PendingTensor> tensors = new ArrayList<>();
  private int alignment = DEFAULT_ALIGNMENT;

  /** Adds (or replaces) a metadata entry. */
  public GgufWriter put(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, key);
    if (key.equals("general.alignment")) {
      int a = ((Number) value).intValue();
      if (a <= 0 || a % 8 != 0) {
        throw new IllegalArgumentException("alignment must be a positive multiple of 8: " + a);
      }
      alignment = a;
    }
    metadata.put(key, value);
    return this;
  }

  /**
   * Adds a tensor. {@code dims} are in ggml order: {@code dims[0]} is the row length (the
   * contiguous dimension), i.e. the reverse of the PyTorch shape.
   */
  public GgufWriter addTensor(String name, long[] dims, GgmlType type, TensorData data) {
    if (dims.length == 0 || dims.length > 4) {
      throw new IllegalArgumentException(name + ": 1 to 4 dimensions, got " + dims.length);
    }
    if (!type.fitsRowLength(dims[0])) {
      throw new IllegalArgumentException(
          name + ": row length " + dims[0] + " is not a multiple of " + type + " block size");
    }
    tensors.add(new PendingTensor(name, dims.clone(), type, data));
    return this;
  }

  /**
   * Writes the file to a {@code .part} sibling and then moves it over {@code target}, so a reader
   * never sees a half-written file; the {@code .part} file is removed if anything fails. Returns
   * the number of bytes written.
   */
  public long writeAtomically(Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    try {
      long bytes = write(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return bytes;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes the file (replacing it), returning the number of bytes written. */
  public long write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream raw = Files.newOutputStream(file);
        CountingStream out = new CountingStream(new BufferedOutputStream(raw, 1 << 20))) {
      out.u32(MAGIC);
      out.u32(VERSION);
      out.u64(tensors.size());
      out.u64(metadata.size());
      for (Map.Entry<String, Object> e : metadata.entrySet()) {
        out.string(e.getKey());
        writeValue(out, e.getKey(), e.getValue());
      }
      long offset = 0;
      for (PendingTensor t : tensors) {
        out.string(t.name());
        out.u32(t.dims().length);
        for (long d : t.dims()) {
          out.u64(d);
        }
        out.u32(t.type().id());
        out.u64(offset);
        offset = align(offset + t.byteSize());
      }
      out.pad(alignment);
      for (PendingTensor t : tensors) {
        byte[] bytes = t.data().bytes();
        if (bytes.length != t.byteSize()) {
          throw new IllegalStateException(
              t.name() + ": expected " + t.byteSize() + " bytes, got " + bytes.length);
        }
        out.write(bytes);
        out.pad(alignment);
      }
      out.flush();
      return out.count;
    }
  }

  private long align(long offset) {
    return (offset + alignment - 1) / alignment * alignment;
  }

  private static void writeValue(CountingStream out, String key, Object value) throws IOException {
    if (value instanceof String s) {
      out.u32(TYPE_STRING);
      out.string(s);
    } else if (value instanceof Boolean b) {
      out.u32(TYPE_BOOL);
      out.write(b ? 1 : 0);
    } else if (value instanceof Int32 i) {
      out.u32(TYPE_INT32);
      out.u32(i.value());
    } else if (value instanceof Integer i) {
      if (i < 0) {
        throw new IllegalArgumentException(key + ": negative value for uint32, use Int32");
      }
      out.u32(TYPE_UINT32);
      out.u32(i);
    } else if (value instanceof Long l) {
      out.u32(TYPE_UINT64);
      out.u64(l);
    } else if (value instanceof Float f) {
      out.u32(TYPE_FLOAT32);
      out.u32(Float.floatToRawIntBits(f));
    } else if (value instanceof Double d) {
      out.u32(TYPE_FLOAT64);
      out.u64(Double.doubleToRawLongBits(d));
    } else if (value instanceof String[] a) {
      out.u32(TYPE_ARRAY);
      out.u32(TYPE_STRING);
      out.u64(a.length);
      for (String s : a) {
        out.string(s);
      }
    } else if (value instanceof float[] a) {
      out.u32(TYPE_ARRAY);
      out.u32(TYPE_FLOAT32);
      out.u64(a.length);
      for (float f : a) {
        out.u32(Float.floatToRawIntBits(f));
      }
    } else if (value instanceof int[] a) {
      out.u32(TYPE_ARRAY);
      out.u32(TYPE_INT32);
      out.u64(a.length);
      for (int v : a) {
        out.u32(v);
      }
    } else {
      throw new IllegalArgumentException(
          key + ": unsupported metadata value type " + value.getClass().getName());
    }
  }

  /** Little-endian primitives over a stream that counts bytes for alignment padding. */
  private static final class CountingStream extends OutputStream {
    private final OutputStream delegate;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    long count;

    CountingStream(OutputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(int b) throws IOException {
      delegate.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      delegate.write(b, off, len);
      count += len;
    }

    void u32(int v) throws IOException {
      scratch.clear();
      scratch.putInt(v);
      write(scratch.array(), 0, 4);
    }

    void u64(long v) throws IOException {
      scratch.clear();
      scratch.putLong(v);
      write(scratch.array(), 0, 8);
    }

    void string(String s) throws IOException {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      u64(bytes.length);
      write(bytes, 0, bytes.length);
    }

    void pad(int alignment) throws IOException {
      while (count % alignment != 0) {
        write(0);
      }
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
