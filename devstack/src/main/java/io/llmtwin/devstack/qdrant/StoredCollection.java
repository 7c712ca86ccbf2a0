package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Points.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * One collection: its schema, points ordered by id, and payload index definitions. Writers take the
 * write lock; searches, scrolls and snapshots take the read lock. Points are immutable, so readers
 * may keep references after the lock is released.
 */
final class StoredCollection {
  /** A payload index definition (the stand-in filters without indexes; it keeps the schema). */
  record PayloadIndex(PayloadSchemaType type, PayloadIndexParams params) {}

  private final CollectionSchema schema;
  private final TreeMap<PointKey, StoredPoint> points = new TreeMap<>();
  private final Map<String, PayloadIndex> indexes = new LinkedHashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object persistenceMonitor = new Object();
  private long operationId;
  private volatile boolean dropped;

  StoredCollection(CollectionSchema schema) {
    this.schema = schema;
  }

  CollectionSchema schema() {
    return schema;
  }

  String name() {
    return schema.name();
  }

  <T> T read(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Builds and stores a batch as one operation: {@code build} receives the operation id (the
   * points' version) and may reject the batch before anything is stored.
   */
  long upsert(LongFunction<List<StoredPoint>> build) {
    return write(
        () -> {
          long operation = operationId;
          List<StoredPoint> batch = build.apply(operation);
          for (StoredPoint p : batch) {
            points.put(p.id(), p);
          }
          operationId++;
          return operation;
        });
  }

  /**
   * Rewrites the selected points as one operation (payload updates). With ids, unknown ids are
   * reported after the known ones were changed, as Qdrant does.
   */
  long rewrite(
      Collection<PointKey> ids, Filter filter, BiFunction<StoredPoint, Long, StoredPoint> change) {
    return write(
        () -> {
          long operation = operationId++;
          PointKey missing = null;
          if (ids != null) {
            for (PointKey id : ids) {
              StoredPoint p = points.get(id);
              if (p == null) {
                missing = missing == null ? id : missing;
              } else {
                points.put(id, change.apply(p, operation));
              }
            }
          } else {
            for (var entry : points.entrySet()) {
              if (FilterEvaluator.matches(filter, entry.getValue())) {
                entry.setValue(change.apply(entry.getValue(), operation));
              }
            }
          }
          if (missing != null) {
            throw io.grpc.Status.NOT_FOUND
                .withDescription("Not found: No point with id " + missing + " found")
                .asRuntimeException();
          }
          return operation;
        });
  }

  long delete(Collection<PointKey> ids) {
    return write(
        () -> {
          ids.forEach(points::remove);
          return operationId++;
        });
  }

  long deleteMatching(Filter filter) {
    return write(
        () -> {
          points.values().removeIf(p -> FilterEvaluator.matches(filter, p));
          return operationId++;
        });
  }

  long createIndex(String field, PayloadIndex index) {
    return write(
        () -> {
          indexes.put(field, index);
          return operationId++;
        });
  }

  long deleteIndex(String field) {
    return write(
        () -> {
          indexes.remove(field);
          return operationId++;
        });
  }

  /** Points in id order; call inside {@link #read}. */
  Collection<StoredPoint> pointsInOrder() {
    return points.values();
  }

  /** Points with an id at or after {@code from}, in id order; call inside {@link #read}. */
  Collection<StoredPoint> pointsFrom(PointKey from) {
    return points.tailMap(from, true).values();
  }

  StoredPoint point(PointKey id) {
    return read(() -> points.get(id));
  }

  Map<String, PayloadIndex> indexes() {
    return read(() -> Map.copyOf(indexes));
  }

  /** A consistent copy for persistence. */
  Snapshot snapshot() {
    return read(
        () ->
            new Snapshot(
                schema,
                new LinkedHashMap<>(indexes),
                new ArrayList<>(points.values()),
                operationId));
  }

  /** Replaces the content with a snapshot read from disk (only before the server starts). */
  void restore(Snapshot snapshot) {
    write(
        () -> {
          indexes.putAll(snapshot.indexes());
          snapshot.points().forEach(p -> points.put(p.id(), p));
          operationId = snapshot.operationId();
          return null;
        });
  }

  Object persistenceMonitor() {
    return persistenceMonitor;
  }

  boolean isDropped() {
    return dropped;
  }

  void markDropped() {
    dropped = true;
  }

  /** The state of a collection as persisted. */
  record Snapshot(
      CollectionSchema schema,
      Map<String, PayloadIndex> indexes,
      List<StoredPoint> points,
      long operationId) {}
}
