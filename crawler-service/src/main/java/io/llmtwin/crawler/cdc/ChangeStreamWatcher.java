package io.llmtwin.crawler.cdc;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoServerException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.ClusterTime;
import io.llmtwin.model.messaging.DocumentChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The CDC watcher: follows the change streams of {@code articles}, {@code posts} and {@code
 * repositories} and publishes one {@link DocumentChanged} per change, at least once, in order per
 * document. Only the holder of the {@link WatcherLease} publishes. After each batch is confirmed by
 * the broker its resume tokens are saved; a restart resumes after them. When a token can no longer
 * be resumed (or the stream is invalidated) the collection's current documents are published as
 * snapshot events and the stream continues live. Design: {@code docs/adr/0080-cdc.md}.
 */
final class ChangeStreamWatcher implements SmartLifecycle {
  /** What the watcher is doing; shown by the health indicator. */
  enum State {
    STOPPED,
    STANDBY,
    SNAPSHOT,
    ACTIVE,
    RETRYING
  }

  private static final Logger log = LoggerFactory.getLogger(ChangeStreamWatcher.class);

  private final MongoDatabase database;
  private final ConfirmingPublisher publisher;
  private final SnapshotPublisher snapshots;
  private final ResumeTokenStore offsets;
  private final WatcherLease lease;
  private final AuthorIndex authors;
  private final CdcMetrics metrics;
  private final CdcProperties properties;
  private final Clock clock;

  private volatile boolean running;
  private volatile boolean releaseLeaseOnStop = true;
  private volatile Thread thread;
  private volatile State state = State.STOPPED;
  private volatile String lastError;
  private volatile Instant lastPublishedAt;
  private volatile Instant leaseRenewedAt = Instant.EPOCH;

  ChangeStreamWatcher(
      MongoDatabase database,
      ConfirmingPublisher publisher,
      SnapshotPublisher snapshots,
      ResumeTokenStore offsets,
      WatcherLease lease,
      AuthorIndex authors,
      CdcMetrics metrics,
      CdcProperties properties,
      Clock clock) {
    this.database = database;
    this.publisher = publisher;
    this.snapshots = snapshots;
    this.offsets = offsets;
    this.lease = lease;
    this.authors = authors;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    releaseLeaseOnStop = true;
    Thread watcher = new Thread(this::run, "cdc-watcher");
    watcher.setDaemon(true);
    thread = watcher;
    watcher.start();
  }

  /**
   * Stops at once: unconfirmed events are not waited for (their tokens are not saved, so they are
   * published again by the next active watcher), then the lease is released.
   */
  @Override
  public void stop() {
    halt();
    if (releaseLeaseOnStop) {
      try {
        lease.release();
      } catch (MongoException e) {
        log.warn("Could not release the CDC lease; it expires by itself: {}", e.getMessage());
      }
    }
  }

  /** Stops like a crashed process would: the lease is kept until it expires. For tests. */
  void crash() {
    releaseLeaseOnStop = false;
    halt();
  }

  private void halt() {
    Thread watcher;
    synchronized (this) {
      running = false;
      watcher = thread;
      thread = null;
    }
    if (watcher != null) {
      watcher.interrupt();
      try {
        watcher.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    state = State.STOPPED;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // start after the AMQP and MongoDB infrastructure, stop before it
    return Integer.MAX_VALUE - 100;
  }

  State state() {
    return state;
  }

  Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  Optional<Instant> lastPublishedAt() {
    return Optional.ofNullable(lastPublishedAt);
  }

  Optional<String> leaseHolder() {
    try {
      return lease.holder();
    } catch (MongoException e) {
      return Optional.empty();
    }
  }

  String instanceId() {
    return lease.owner();
  }

  private void run() {
    while (running) {
      try {
        if (lease.tryAcquire()) {
          leaseRenewedAt = clock.instant();
          log.info("CDC watcher {} holds the lease and starts publishing", lease.owner());
          follow();
        } else {
          state = State.STANDBY;
          pause(properties.leaseRenewInterval());
        }
      } catch (InterruptedException | MongoInterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (PublishAbortedException e) {
        log.info("CDC watcher {} stopped publishing: {}", lease.owner(), e.getMessage());
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        state = State.RETRYING;
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn("CDC watcher failed, retrying in {}: {}", properties.retryBackoff(), lastError);
        try {
          pause(properties.retryBackoff());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    state = State.STOPPED;
  }

  /** Follows all three streams while this instance is active and holds the lease. */
  private void follow() throws InterruptedException, PublishAbortedException {
    List<Stream> streams = new ArrayList<>();
    try {
      for (DocumentType type : DocumentType.values()) {
        streams.add(open(type));
      }
      state = State.ACTIVE;
      lastError = null;
      while (running) {
        if (!keepLease()) {
          log.warn("CDC watcher {} lost its lease; standing by", lease.owner());
          state = State.STANDBY;
          return;
        }
        long roundStart = System.nanoTime();
        int changes = 0;
        for (int i = 0; i < streams.size(); i++) {
          Stream stream = streams.get(i);
          int read = pump(stream);
          if (read < 0) {
            stream.cursor().close();
            offsets.clear(stream.type().collection());
            streams.set(i, restartWithSnapshot(stream.type(), "the change stream was invalidated"));
            state = State.ACTIVE;
          } else {
            changes += read;
          }
        }
        if (changes == 0) {
          // a server that ignores maxAwaitTime (the in-memory stand-in) answers at once: do not
          // spin
          long idle = properties.maxAwait().toNanos() - (System.nanoTime() - roundStart);
          if (idle > 0) {
            TimeUnit.NANOSECONDS.sleep(idle);
          }
        }
      }
    } finally {
      for (Stream stream : streams) {
        closeQuietly(stream.cursor());
      }
    }
  }

  private Stream open(DocumentType type) throws InterruptedException, PublishAbortedException {
    String collection = type.collection();
    Optional<BsonDocument> token = offsets.load(collection);
    if (token.isPresent()) {
      try {
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor =
            watch(type).resumeAfter(token.get()).cursor();
        metrics.resume("resumed");
        log.info("Resumed the {} change stream after the stored token", collection);
        return new Stream(type, cursor);
      } catch (MongoServerException e) {
        offsets.clear(collection);
        return restartWithSnapshot(type, "the stored resume token was refused: " + e.getMessage());
      }
    }
    if (properties.snapshotOnFirstStart()) {
      return restartWithSnapshot(type, "no resume token is stored yet");
    }
    return new Stream(type, watch(type).cursor());
  }

  /**
   * Opens a fresh stream first (so changes during the snapshot are not missed), then publishes the
   * collection's current documents as snapshot events.
   */
  private Stream restartWithSnapshot(DocumentType type, String why)
      throws InterruptedException, PublishAbortedException {
    if (why.startsWith("no resume token")) {
      log.info("Snapshot of {}: {}", type.collection(), why);
    } else {
      log.warn("Cannot resume the {} change stream ({}); publishing a snapshot", type, why);
    }
    metrics.resume("snapshot");
    MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = watch(type).cursor();
    State previous = state;
    state = State.SNAPSHOT;
    try {
      String snapshotId = UUID.randomUUID().toString();
      long count =
          snapshots.publish(type, new Document(), snapshotId, () -> running && keepLease());
      log.info("Snapshot {} of {} published {} documents", snapshotId, type.collection(), count);
      BsonDocument resumeToken = cursor.getResumeToken();
      if (resumeToken != null) {
        offsets.save(type.collection(), resumeToken);
      }
    } catch (InterruptedException | PublishAbortedException | RuntimeException e) {
      closeQuietly(cursor);
      throw e;
    }
    state = previous == State.SNAPSHOT ? State.ACTIVE : previous;
    return new Stream(type, cursor);
  }

  private ChangeStreamIterable<Document> watch(DocumentType type) {
    return database
        .getCollection(type.collection())
        .watch()
        .fullDocument(FullDocument.UPDATE_LOOKUP)
        .batchSize(properties.batchSize())
        .maxAwaitTime(properties.maxAwait().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Reads what is available on one stream (up to a batch), publishes it and saves the token.
   * Returns how many changes were read, or -1 when the stream was invalidated and must be
   * restarted.
   */
  private int pump(Stream stream) throws InterruptedException, PublishAbortedException {
    DocumentType type = stream.type();
    List<ChangeStreamDocument<Document>> changes = new ArrayList<>();
    boolean invalidated = false;
    while (changes.size() < properties.batchSize()) {
      ChangeStreamDocument<Document> change = stream.cursor().tryNext();
      if (change == null) {
        break;
      }
      OperationType operation = change.getOperationType();
      if (operation == OperationType.INVALIDATE
          || operation == OperationType.DROP_DATABASE
          || ((operation == OperationType.DROP || operation == OperationType.RENAME)
              && concernsCollection(change, type))) {
        invalidated = true;
        break;
      }
      changes.add(change);
    }
    if (!changes.isEmpty()) {
      publish(type, changes);
    }
    return invalidated ? -1 : changes.size();
  }

  private static boolean concernsCollection(
      ChangeStreamDocument<Document> change, DocumentType type) {
    return change.getNamespace() == null
        || type.collection().equals(change.getNamespace().getCollectionName());
  }

  private void publish(DocumentType type, List<ChangeStreamDocument<Document>> changes)
      throws InterruptedException, PublishAbortedException {
    List<DocumentChanged> events = new ArrayList<>(changes.size());
    Map<String, String> authorsInBatch = new HashMap<>();
    Set<String> deletedIds = new LinkedHashSet<>();
    for (ChangeStreamDocument<Document> change : changes) {
      if (change.getOperationType() == OperationType.DELETE && change.getDocumentKey() != null) {
        try {
          deletedIds.add(StoredDocumentMapper.idOf(change.getDocumentKey().get("_id")));
        } catch (MalformedDocumentException e) {
          // reported when the event itself is converted below
        }
      }
    }
    Map<String, String> knownAuthors = authors.authorsOf(deletedIds);
    Instant lastOccurredAt = null;
    for (ChangeStreamDocument<Document> change : changes) {
      Instant occurredAt = occurredAt(change);
      lastOccurredAt = occurredAt;
      try {
        toEvent(type, change, occurredAt, authorsInBatch, knownAuthors).ifPresent(events::add);
      } catch (MalformedDocumentException e) {
        metrics.skipped(type, "malformed");
        log.warn("Skipping a malformed {} change: {}", type.key(), e.getMessage());
      }
    }
    publisher.publishAll(events, () -> running && keepLease());
    authors.remember(events);
    offsets.save(type.collection(), changes.get(changes.size() - 1).getResumeToken());
    authors.forgetDeleted(events);
    lastPublishedAt = clock.instant();
    if (lastOccurredAt != null) {
      metrics.lag(Duration.between(lastOccurredAt, lastPublishedAt));
    }
  }

  private Optional<DocumentChanged> toEvent(
      DocumentType type,
      ChangeStreamDocument<Document> change,
      Instant occurredAt,
      Map<String, String> authorsInBatch,
      Map<String, String> knownAuthors)
      throws MalformedDocumentException {
    String eventId = EventIds.forResumeToken(change.getResumeToken());
    switch (change.getOperationType()) {
      case INSERT, UPDATE, REPLACE -> {
        Document full = change.getFullDocument();
        if (full == null) {
          // deleted before the update lookup ran; its delete event follows
          metrics.skipped(type, "gone");
          return Optional.empty();
        }
        RawDocument document = StoredDocumentMapper.toRawDocument(full, type);
        authorsInBatch.put(document.id(), document.authorId());
        ChangeOperation operation =
            change.getOperationType() == OperationType.INSERT
                ? ChangeOperation.INSERT
                : ChangeOperation.UPDATE;
        return Optional.of(
            DocumentChanged.of(eventId, operation, document, occurredAt)
                .withClusterTime(clusterTime(change)));
      }
      case DELETE -> {
        if (change.getDocumentKey() == null) {
          throw new MalformedDocumentException("delete event without a document key");
        }
        String id = StoredDocumentMapper.idOf(change.getDocumentKey().get("_id"));
        String authorId = authorsInBatch.getOrDefault(id, knownAuthors.get(id));
        if (authorId == null) {
          log.debug("Delete of {} {} is published without its author", type.key(), id);
        }
        return Optional.of(
            DocumentChanged.deleted(eventId, type, id, authorId, occurredAt)
                .withClusterTime(clusterTime(change)));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** The change's cluster time, which orders changes of the same second; null when absent. */
  private static ClusterTime clusterTime(ChangeStreamDocument<Document> change) {
    // the BSON timestamp's halves are unsigned 32-bit: read them from the 64-bit value
    return change.getClusterTime() == null || change.getClusterTime().getValue() >>> 32 == 0
        ? null
        : ClusterTime.ofValue(change.getClusterTime().getValue());
  }

  private Instant occurredAt(ChangeStreamDocument<Document> change) {
    if (change.getWallTime() != null) {
      return Instant.ofEpochMilli(change.getWallTime().getValue());
    }
    if (change.getClusterTime() != null && change.getClusterTime().getTime() > 0) {
      return Instant.ofEpochSecond(change.getClusterTime().getTime());
    }
    return clock.instant();
  }

  /** Renews the lease when due; false when it was lost. */
  private boolean keepLease() {
    Instant now = clock.instant();
    if (Duration.between(leaseRenewedAt, now).compareTo(properties.leaseRenewInterval()) < 0) {
      return true;
    }
    if (lease.tryAcquire()) {
      leaseRenewedAt = now;
      return true;
    }
    return false;
  }

  private void pause(Duration duration) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(duration.toMillis());
  }

  private static void closeQuietly(MongoChangeStreamCursor<?> cursor) {
    try {
      cursor.close();
    } catch (RuntimeException e) {
      log.debug("Closing a change stream failed: {}", e.getMessage());
    }
  }

  private record Stream(
      DocumentType type, MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor) {}
}
