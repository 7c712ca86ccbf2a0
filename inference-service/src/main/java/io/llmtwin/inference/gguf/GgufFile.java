package io.llmtwin.inference.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed GGUF v3 file: metadata and tensor infos, with tensor bytes read on demand. Used to
 * verify converted files (and by tests); llama.cpp does the real loading.
 *
 * <p>Metadata values come back as {@link String}, {@link Boolean}, {@link Long} (all integer
 * types), {@link Double} (both float types) or {@link List} of those.
 */
public final class GgufFile {

  /** One tensor's info: ggml dims (row length first), type and absolute data offset. */
  public record TensorInfo(String name, long[] dims, GgmlType type, long absoluteOffset) {
    /** Number of values. */
    public long elements() {
      long n = 1;
      for (long d : dims) {
        n *= d;
      }
      return n;
    }

    /** Bytes of encoded data. */
    public long byteSize() {
      return type.bytesFor(elements());
    }
  }

  private final Path path;
  private final int version;
  private final Map<String, Object> metadata;
  private final Map<String, TensorInfo> tensors;

  private GgufFile(
      Path path, int version, Map<String, Object> metadata, Map<String, TensorInfo> tensors) {
    this.path = path;
    this.version = version;
    this.metadata = metadata;
    this.tensors = tensors;
  }

  /** Parses the header, metadata and tensor infos of {@code path}. */
  public static GgufFile read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer buf =
          ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
      if (buf.getInt() != GgufWriter.MAGIC) {
        throw new IOException(path + " is not a GGUF file (bad magic)");
      }
      int version = buf.getInt();
      if (version != 3) {
        throw new IOException(path + ": unsupported GGUF version " + version);
      }
      long tensorCount = buf.getLong();
      long kvCount = buf.getLong();
      Map<String, Object> metadata = new LinkedHashMap<>();
      for (long i = 0; i < kvCount; i++) {
        String key = string(buf);
        metadata.put(key, value(buf, buf.getInt()));
      }
      List<String> names = new ArrayList<>();
      List<long[]> dims = new ArrayList<>();
      List<GgmlType> types = new ArrayList<>();
      List<Long> offsets = new ArrayList<>();
      for (long i = 0; i < tensorCount; i++) {
        names.add(string(buf));
        long[] d = new long[buf.getInt()];
        for (int j = 0; j < d.length; j++) {
          d[j] = buf.getLong();
        }
        dims.add(d);
        types.add(GgmlType.byId(buf.getInt()));
        offsets.add(buf.getLong());
      }
      long alignment =
          ((Number) metadata.getOrDefault("general.alignment", (long) GgufWriter.DEFAULT_ALIGNMENT))
              .longValue();
      long dataStart = (buf.position() + alignment - 1) / alignment * alignment;
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        TensorInfo info =
            new TensorInfo(names.get(i), dims.get(i), types.get(i), dataStart + offsets.get(i));
        if (info.absoluteOffset() + info.byteSize() > ch.size()) {
          throw new IOException(path + ": tensor " + info.name() + " extends past end of file");
        }
        tensors.put(info.name(), info);
      }
      return new GgufFile(path, version, metadata, tensors);
    }
  }

  /** The GGUF version (always 3). */
  public int version() {
    return version;
  }

  /** All metadata, in file order. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** Tensor infos by name, in file order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The encoded bytes of a tensor. */
  public byte[] tensorBytes(String name) throws IOException {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new IllegalArgumentException("no tensor " + name + " in " + path);
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(info.byteSize()));
      long pos = info.absoluteOffset();
      while (out.hasRemaining()) {
        int n = ch.read(out, pos);
        if (n < 0) {
          throw new IOException("unexpected end of " + path);
        }
        pos += n;
      }
      return out.array();
    }
  }

  /** A tensor decoded to floats. */
  public float[] tensorValues(String name) throws IOException {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new IllegalArgumentException("no tensor " + name + " in " + path);
    }
    return GgmlQuantizer.decode(info.type(), tensorBytes(name), Math.toIntExact(info.elements()));
  }

  private static String string(ByteBuffer buf) {
    byte[] bytes = new byte[Math.toIntExact(buf.getLong())];
    buf.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Object value(ByteBuffer buf, int type) throws IOException {
    return switch (type) {
      case GgufWriter.TYPE_UINT8 -> (long) (buf.get() & 0xFF);
      case GgufWriter.TYPE_INT8 -> (long) buf.get();
      case GgufWriter.TYPE_UINT16 -> (long) (buf.getShort() & 0xFFFF);
      case GgufWriter.TYPE_INT16 -> (long) buf.getShort();
      case GgufWriter.TYPE_UINT32 -> buf.getInt() & 0xFFFFFFFFL;
      case GgufWriter.TYPE_INT32 -> (long) buf.getInt();
      case GgufWriter.TYPE_FLOAT32 -> (double) buf.getFloat();
      case GgufWriter.TYPE_BOOL -> buf.get() != 0;
      case GgufWriter.TYPE_STRING -> string(buf);
      case GgufWriter.TYPE_UINT64, GgufWriter.TYPE_INT64 -> buf.getLong();
      case GgufWriter.TYPE_FLOAT64 -> buf.getDouble();
      case GgufWriter.TYPE_ARRAY -> {
        int elementType = buf.getInt();
        long n = buf.getLong();
        List<Object> list = new ArrayList<>();
        for (long i = 0; i < n; i++) {
          list.add(value(buf, elementType));
        }
        yield List.copyOf(list);
      }
      default -> throw new IOException("unknown GGUF metadata type " + type);
    };
  }
}
