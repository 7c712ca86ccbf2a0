package io.llmtwin.inference.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads tensors from one {@code .safetensors} file: an 8-byte little-endian header length, a JSON
 * header mapping names to dtype/shape/data_offsets, then the raw data. F32, F16 and BF16 are
 * widened to float.
 */
final class SafetensorsReader {

  record Entry(String dtype, long[] shape, long begin, long end) {}

  private final Path file;
  private final long dataStart;
  private final Map<String, Entry> entries;

  private SafetensorsReader(Path file, long dataStart, Map<String, Entry> entries) {
    this.file = file;
    this.dataStart = dataStart;
    this.entries = entries;
  }

  static SafetensorsReader open(Path file, ObjectMapper json) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long headerLength = len.flip().getLong();
      if (headerLength <= 0 || headerLength > 100_000_000L || 8 + headerLength > ch.size()) {
        throw new UnsupportedCheckpointException(
            file + " is not a safetensors file (header length)");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(ch, header, 8);
      JsonNode root = json.readTree(new String(header.array(), StandardCharsets.UTF_8));
      Map<String, Entry> entries = new LinkedHashMap<>();
      long dataSize = ch.size() - 8 - headerLength;
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (e.getKey().equals("__metadata__")) {
          continue;
        }
        JsonNode t = e.getValue();
        long[] shape = new long[t.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = t.path("shape").get(i).asLong();
        }
        long begin = t.path("data_offsets").get(0).asLong();
        long end = t.path("data_offsets").get(1).asLong();
        if (begin < 0 || end < begin || end > dataSize) {
          throw new UnsupportedCheckpointException(
              file + ": tensor " + e.getKey() + " lies outside the file");
        }
        entries.put(e.getKey(), new Entry(t.path("dtype").asString(), shape, begin, end));
      }
      return new SafetensorsReader(file, 8 + headerLength, entries);
    }
  }

  Map<String, Entry> entries() {
    return entries;
  }

  FloatTensor read(String name) throws IOException {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no tensor " + name + " in " + file);
    }
    long count = 1;
    for (long d : e.shape()) {
      count *= d;
    }
    int width =
        switch (e.dtype()) {
          case "F32" -> 4;
          case "F16", "BF16" -> 2;
          default ->
              throw new UnsupportedCheckpointException(
                  name + ": dtype " + e.dtype() + " is not supported (F32, F16, BF16)");
        };
    if (e.end() - e.begin() != count * width) {
      throw new UnsupportedCheckpointException(name + ": data size does not match shape and dtype");
    }
    ByteBuffer buf =
        ByteBuffer.allocate(Math.toIntExact(e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      readFully(ch, buf, dataStart + e.begin());
    }
    buf.flip();
    float[] values = new float[(int) count];
    switch (e.dtype()) {
      case "F32" -> buf.asFloatBuffer().get(values);
      case "F16" -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = HalfFloat.toFloat(buf.getShort());
        }
      }
      default -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
        }
      }
    }
    return new FloatTensor(e.shape(), values);
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }
}
