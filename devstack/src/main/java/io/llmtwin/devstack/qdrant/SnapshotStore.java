package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.PointStruct;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists each collection to one snapshot file ({@code <name>.qdcol}): the create request, the
 * payload index definitions and every point, as length-delimited protobuf messages. Writes are
 * debounced (a burst of upserts costs one write), go to a temporary file first and replace the
 * snapshot with an atomic rename; {@link #close()} writes whatever is pending.
 */
final class SnapshotStore implements CollectionPersistence {
  private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
  private static final int MAGIC = 0x4c545144; // "LTQD"
  private static final int FORMAT_VERSION = 1;
  private static final String SUFFIX = ".qdcol";
  private static final long DEBOUNCE_MILLIS = 200;

  private final Path directory;
  private final Set<StoredCollection> dirty = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final ScheduledExecutorService scheduler;

  SnapshotStore(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create Qdrant data directory " + directory, e);
    }
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "embedded-qdrant-snapshots");
              t.setDaemon(true);
              return t;
            });
  }

  /** Reads every snapshot in the directory. */
  List<StoredCollection> load() {
    List<StoredCollection> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path file : files) {
        out.add(read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Qdrant snapshots in " + directory, e);
    }
    return out;
  }

  @Override
  public void changed(StoredCollection collection) {
    dirty.add(collection);
    if (flushScheduled.compareAndSet(false, true)) {
      scheduler.schedule(this::flushScheduled, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void dropped(StoredCollection collection) {
    synchronized (collection.persistenceMonitor()) {
      collection.markDropped();
      dirty.remove(collection);
      try {
        Files.deleteIfExists(fileFor(collection.name()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete snapshot of " + collection.name(), e);
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("Snapshot writer did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }

  private void flushScheduled() {
    flushScheduled.set(false);
    flush();
  }

  private void flush() {
    for (StoredCollection c : List.copyOf(dirty)) {
      dirty.remove(c);
      try {
        write(c);
      } catch (IOException | UncheckedIOException e) {
        log.warn("Cannot write snapshot of collection {}", c.name(), e);
        dirty.add(c);
      }
    }
  }

  private void write(StoredCollection collection) throws IOException {
    synchronized (collection.persistenceMonitor()) {
      if (collection.isDropped()) {
        return;
      }
      StoredCollection.Snapshot snapshot = collection.snapshot();
      Path target = fileFor(collection.name());
      Path temp = Files.createTempFile(directory, ".tmp-", SUFFIX + ".part");
      try {
        try (OutputStream raw = Files.newOutputStream(temp);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
          out.writeInt(MAGIC);
          out.writeInt(FORMAT_VERSION);
          snapshot.schema().definition().writeDelimitedTo(out);
          out.writeInt(snapshot.indexes().size());
          for (var entry : snapshot.indexes().entrySet()) {
            CreateFieldIndexCollection.Builder index =
                CreateFieldIndexCollection.newBuilder()
                    .setCollectionName(collection.name())
                    .setFieldName(entry.getKey())
                    .setFieldTypeValue(entry.getValue().type().getNumber());
            if (entry.getValue().params() != null) {
              index.setFieldIndexParams(entry.getValue().params());
            }
            index.build().writeDelimitedTo(out);
          }
          out.writeLong(snapshot.operationId());
          out.writeInt(snapshot.points().size());
          for (StoredPoint p : snapshot.points()) {
            out.writeLong(p.version());
            PointCodec.toSnapshot(p).writeDelimitedTo(out);
          }
          out.flush();
          raw.flush();
        }
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static StoredCollection read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) {
        throw new IOException("Not an EmbeddedQdrant snapshot (or a newer format): " + file);
      }
      CreateCollection definition = CreateCollection.parseDelimitedFrom(in);
      StoredCollection collection = new StoredCollection(CollectionSchema.of(definition));
      int indexCount = in.readInt();
      Map<String, StoredCollection.PayloadIndex> indexes = new LinkedHashMap<>();
      for (int i = 0; i < indexCount; i++) {
        CreateFieldIndexCollection index = CreateFieldIndexCollection.parseDelimitedFrom(in);
        indexes.put(
            index.getFieldName(),
            new StoredCollection.PayloadIndex(
                PayloadSchemaType.forNumber(index.getFieldTypeValue()),
                index.hasFieldIndexParams()
                    ? index.getFieldIndexParams()
                    : PayloadIndexParams.getDefaultInstance()));
      }
      long operationId = in.readLong();
      int count = in.readInt();
      List<StoredPoint> points = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long version = in.readLong();
        points.add(PointCodec.fromSnapshot(PointStruct.parseDelimitedFrom(in), version));
      }
      collection.restore(
          new StoredCollection.Snapshot(collection.schema(), indexes, points, operationId));
      return collection;
    }
  }

  private Path fileFor(String collectionName) {
    if (collectionName.matches("[A-Za-z0-9_-]{1,100}")) {
      return directory.resolve(collectionName + SUFFIX);
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(collectionName.getBytes(StandardCharsets.UTF_8));
      return directory.resolve("sha256-" + HexFormat.of().formatHex(hash) + SUFFIX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
