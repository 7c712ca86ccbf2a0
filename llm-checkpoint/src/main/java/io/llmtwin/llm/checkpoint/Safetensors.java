package io.llmtwin.llm.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 * an 8-byte little-endian header length, a JSON header with dtype, shape and data offsets per
 * tensor, then the raw little-endian data. Sharded checkpoints ({@code
 * model.safetensors.index.json}) are read through {@link #openCheckpoint(Path)}.
 */
public final class Safetensors {

  /** File name of a single-file checkpoint. */
  public static final String MODEL_FILE = "model.safetensors";

  /** File name of the index of a sharded checkpoint. */
  public static final String INDEX_FILE = "model.safetensors.index.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long MAX_HEADER = 100L * 1024 * 1024;

  private Safetensors() {}

  /** Opens one safetensors file. */
  public static WeightStore open(Path file) {
    return new FileStore(file);
  }

  /**
   * Opens the weights of a Hugging Face checkpoint directory: {@code model.safetensors}, or the
   * shards listed by {@code model.safetensors.index.json}.
   */
  public static WeightStore openCheckpoint(Path dir) {
    Path single = dir.resolve(MODEL_FILE);
    Path index = dir.resolve(INDEX_FILE);
    if (Files.isRegularFile(index)) {
      return new ShardedStore(dir, index);
    }
    if (Files.isRegularFile(single)) {
      return new FileStore(single);
    }
    throw new CheckpointException(
        "no " + MODEL_FILE + " or " + INDEX_FILE + " in " + dir.toAbsolutePath());
  }

  /** Writes tensors (in the given order) into one file, converting to {@code dtype}. */
  public static void write(
      Path file, Map<String, HostTensor> tensors, TensorDType dtype, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", dtype.name());
      var shape = t.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long bytes = (long) e.getValue().size() * dtype.bytes();
      var offsets = t.putArray("data_offsets");
      offsets.add(offset);
      offsets.add(offset + bytes);
      offset += bytes;
    }
    byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel ch =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
          head.put((byte) ' ');
        }
        head.flip();
        writeFully(ch, head);
        for (HostTensor t : tensors.values()) {
          ByteBuffer buf =
              ByteBuffer.allocate(t.size() * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
          dtype.encode(t.data(), buf);
          buf.flip();
          writeFully(ch, buf);
        }
      }
    } catch (IOException e) {
      throw new CheckpointException("cannot write " + file, e);
    }
  }

  /**
   * Writes tensors as shards of at most {@code maxShardBytes} each plus {@code
   * model.safetensors.index.json}, the layout Hugging Face uses for large checkpoints.
   */
  public static void writeSharded(
      Path dir, Map<String, HostTensor> tensors, TensorDType dtype, long maxShardBytes) {
    List<Map<String, HostTensor>> shards = new ArrayList<>();
    Map<String, HostTensor> current = new LinkedHashMap<>();
    long size = 0;
    long total = 0;
    for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
      long bytes = (long) e.getValue().size() * dtype.bytes();
      if (!current.isEmpty() && size + bytes > maxShardBytes) {
        shards.add(current);
        current = new LinkedHashMap<>();
        size = 0;
      }
      current.put(e.getKey(), e.getValue());
      size += bytes;
      total += bytes;
    }
    if (!current.isEmpty()) {
      shards.add(current);
    }
    ObjectNode index = JSON.createObjectNode();
    index.putObject("metadata").put("total_size", total);
    ObjectNode map = index.putObject("weight_map");
    for (int i = 0; i < shards.size(); i++) {
      String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      write(dir.resolve(name), shards.get(i), dtype, Map.of("format", "pt"));
      for (String tensor : shards.get(i).keySet()) {
        map.put(tensor, name);
      }
    }
    try {
      Files.writeString(
          dir.resolve(INDEX_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
    } catch (IOException e) {
      throw new CheckpointException("cannot write index in " + dir, e);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private record Entry(TensorDType dtype, long[] shape, long begin, long end) {}

  private static final class FileStore implements WeightStore {
    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    FileStore(Path file) {
      this.file = file;
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(len, 0);
        long headerLen = len.flip().getLong();
        if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > channel.size()) {
          throw new CheckpointException("not a safetensors file (bad header length): " + file);
        }
        ByteBuffer head = ByteBuffer.allocate((int) headerLen);
        readFully(head, 8);
        dataStart = 8 + headerLen;
        JsonNode root = JSON.readTree(new String(head.array(), StandardCharsets.UTF_8).trim());
        long dataSize = channel.size() - dataStart;
        for (var prop : root.properties()) {
          if (prop.getKey().equals("__metadata__")) {
            prop.getValue()
                .properties()
                .forEach(m -> metadata.put(m.getKey(), m.getValue().asString()));
            continue;
          }
          JsonNode t = prop.getValue();
          TensorDType dtype = TensorDType.fromSafetensors(t.path("dtype").asString(""));
          JsonNode shapeNode = t.path("shape");
          long[] shape = new long[shapeNode.size()];
          for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
          }
          long begin = t.path("data_offsets").path(0).asLong(-1);
          long end = t.path("data_offsets").path(1).asLong(-1);
          long expected = HostTensor.elementCount(shape) * dtype.bytes();
          if (begin < 0 || end > dataSize || end - begin != expected) {
            throw new CheckpointException(
                "tensor " + prop.getKey() + " has inconsistent offsets in " + file);
          }
          entries.put(prop.getKey(), new Entry(dtype, shape, begin, end));
        }
      } catch (IOException e) {
        throw new CheckpointException("cannot read " + file, e);
      } catch (tools.jackson.core.JacksonException e) {
        throw new CheckpointException("bad safetensors header in " + file, e);
      }
    }

    private void readFully(ByteBuffer buf, long position) throws IOException {
      long pos = position;
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos);
        if (n < 0) {
          throw new CheckpointException("truncated safetensors file " + file);
        }
        pos += n;
      }
    }

    @Override
    public Set<String> names() {
      return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public long[] shape(String name) {
      return entry(name).shape.clone();
    }

    private Entry entry(String name) {
      Entry e = entries.get(name);
      if (e == null) {
        throw new CheckpointException("no tensor " + name + " in " + file);
      }
      return e;
    }

    @Override
    public HostTensor read(String name) {
      Entry e = entry(name);
      long bytes = e.end - e.begin;
      if (bytes > Integer.MAX_VALUE) {
        throw new CheckpointException("tensor " + name + " is larger than 2 GiB");
      }
      try {
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(buf, dataStart + e.begin);
        buf.flip();
        float[] out = new float[(int) (bytes / e.dtype.bytes())];
        e.dtype.decode(buf, out);
        return new HostTensor(e.shape, out);
      } catch (IOException ex) {
        throw new CheckpointException("cannot read tensor " + name + " from " + file, ex);
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        throw new CheckpointException("cannot close " + file, e);
      }
    }
  }

  private static final class ShardedStore implements WeightStore {
    private final Map<String, FileStore> byTensor = new LinkedHashMap<>();
    private final List<FileStore> files = new ArrayList<>();

    ShardedStore(Path dir, Path index) {
      JsonNode map;
      try {
        map = JSON.readTree(index.toFile()).path("weight_map");
      } catch (tools.jackson.core.JacksonException e) {
        throw new CheckpointException("bad index " + index, e);
      }
      if (!map.isObject() || map.isEmpty()) {
        throw new CheckpointException("index has no weight_map: " + index);
      }
      Map<String, FileStore> byFile = new LinkedHashMap<>();
      for (var prop : map.properties()) {
        String shard = prop.getValue().asString();
        if (shard.contains("/") || shard.contains("\\")) {
          throw new CheckpointException("shard name must be a plain file name: " + shard);
        }
        FileStore store =
            byFile.computeIfAbsent(
                shard,
                s -> {
                  FileStore f = new FileStore(dir.resolve(s));
                  files.add(f);
                  return f;
                });
        if (!store.entries.containsKey(prop.getKey())) {
          throw new CheckpointException(
              "index names " + prop.getKey() + " but " + shard + " lacks it");
        }
        byTensor.put(prop.getKey(), store);
      }
    }

    @Override
    public Set<String> names() {
      return Collections.unmodifiableSet(byTensor.keySet());
    }

    @Override
    public long[] shape(String name) {
      return store(name).shape(name);
    }

    @Override
    public HostTensor read(String name) {
      return store(name).read(name);
    }

    private FileStore store(String name) {
      FileStore f = byTensor.get(name);
      if (f == null) {
        throw new CheckpointException("no tensor " + name + " in sharded checkpoint");
      }
      return f;
    }

    @Override
    public void close() {
      files.forEach(FileStore::close);
    }
  }
}
