package io.llmtwin.inference.registry;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.model.ModelServing;
import io.llmtwin.registry.RegistryCollections;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.alias.AliasTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Serves the version the configured alias points at, and follows it: on start and after every alias
 * change it compares the alias target with the served version and hot-swaps ({@link
 * ModelServing#swapTo}) when they differ.
 *
 * <p>Changes are noticed through a change stream on {@value RegistryCollections#ALIAS_HISTORY} (one
 * insert per alias change); the alias target read from the registry stays the source of truth, so a
 * lost or duplicate event costs nothing. Independently of the stream the alias is re-read every
 * {@code poll-interval}; when the stream fails (a server without change streams, a dropped
 * connection) the watcher keeps polling and tries to reopen the stream every four intervals.
 *
 * <p>A version that failed to load is not retried until the alias changes again (a corrupt artifact
 * would fail again); move the alias, or restart the replica, to retry.
 */
public final class AliasWatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AliasWatcher.class);
  private static final long IDLE_WAIT_MS = 200;

  /** Loads a GGUF file into a generator. */
  @FunctionalInterface
  public interface GgufLoader {
    /** Loads {@code file}. */
    TextGenerator load(Path file);
  }

  private final AliasRegistry aliases;
  private final MongoCollection<Document> history;
  private final RegistryModelSource source;
  private final GgufLoader loader;
  private final ModelServing serving;
  private final RegistryModelProperties properties;

  private volatile boolean running;
  private volatile Thread thread;
  private volatile String mode = "starting";
  private volatile Long handledRevision;
  private MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;
  private long reopenStreamAt = System.nanoTime();

  /** Watches {@code history} (the registry's alias history collection). */
  public AliasWatcher(
      AliasRegistry aliases,
      MongoCollection<Document> history,
      RegistryModelSource source,
      GgufLoader loader,
      ModelServing serving,
      RegistryModelProperties properties) {
    this.aliases = aliases;
    this.history = history;
    this.source = source;
    this.loader = loader;
    this.serving = serving;
    this.properties = properties;
  }

  /** Health details: how changes are noticed, which alias is followed. */
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("registryModel", properties.model());
    details.put("alias", properties.alias());
    details.put("aliasWatch", mode);
    return details;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    Thread watcher = new Thread(this::run, "model-alias-watch");
    watcher.setDaemon(true);
    thread = watcher;
    watcher.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread watcher = thread;
    if (watcher != null) {
      watcher.interrupt();
      try {
        watcher.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    try {
      while (running) {
        openStream();
        try {
          reconcile();
        } catch (RuntimeException e) {
          log.warn(
              "could not read alias {} of {}: {}",
              properties.alias(),
              properties.model(),
              e.toString());
        }
        awaitChange();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeStream();
      mode = "stopped";
    }
  }

  /** Swaps to the alias target when it changed since the last look. */
  private void reconcile() {
    Optional<AliasTarget> target = aliases.target(properties.model(), properties.alias());
    if (target.isEmpty()) {
      if (handledRevision == null || handledRevision != -1L) {
        log.warn(
            "alias {} of {} points at no version; {}",
            properties.alias(),
            properties.model(),
            serving.available() ? "keeping the served model" : "no model serves");
        handledRevision = -1L;
      }
      return;
    }
    AliasTarget alias = target.get();
    if (handledRevision != null && handledRevision == alias.revision()) {
      return;
    }
    handledRevision = alias.revision();
    String version = "v" + alias.version();
    if (serving.available() && serving.activeModel().version().equals(version)) {
      return;
    }
    log.info(
        "alias {} of {} points at {} (revision {}); loading it",
        properties.alias(),
        properties.model(),
        version,
        alias.revision());
    serving.swapTo(version, () -> load(alias.version()));
  }

  private TextGenerator load(int version) throws IOException {
    Path file = source.prepare(version);
    try {
      return loader.load(file);
    } catch (RuntimeException e) {
      // do not keep a file llama.cpp refused: the next attempt fetches or converts it again
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Returns when an alias change event arrives or the poll interval is over. */
  private void awaitChange() throws InterruptedException {
    long deadline = System.nanoTime() + properties.pollInterval().toNanos();
    while (running && System.nanoTime() < deadline) {
      if (cursor != null) {
        try {
          ChangeStreamDocument<Document> change = cursor.tryNext();
          if (change != null) {
            if (concernsOurAlias(change)) {
              return;
            }
            continue;
          }
        } catch (MongoException e) {
          log.warn(
              "alias change stream failed ({}); polling every {}",
              e.getMessage(),
              properties.pollInterval());
          closeStream();
          mode = "polling";
          reopenStreamAt = System.nanoTime() + 4 * properties.pollInterval().toNanos();
        }
      }
      // a real server waits in tryNext (maxAwaitTime); the stand-in answers at once
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(IDLE_WAIT_MS, left)));
    }
  }

  private boolean concernsOurAlias(ChangeStreamDocument<Document> change) {
    Document document = change.getFullDocument();
    return change.getOperationType() == OperationType.INSERT
        && document != null
        && properties.model().equals(document.getString("model"))
        && properties.alias().equals(document.getString("alias"));
  }

  private void openStream() {
    if (!properties.changeStream()) {
      mode = "polling";
      return;
    }
    if (cursor != null || System.nanoTime() - reopenStreamAt < 0) {
      return;
    }
    try {
      cursor = history.watch().maxAwaitTime(IDLE_WAIT_MS, TimeUnit.MILLISECONDS).cursor();
      mode = "change-stream";
      log.info("watching {} for alias changes", RegistryCollections.ALIAS_HISTORY);
    } catch (MongoException e) {
      log.warn(
          "cannot open a change stream on {} ({}); polling every {}",
          RegistryCollections.ALIAS_HISTORY,
          e.getMessage(),
          properties.pollInterval());
      mode = "polling";
      reopenStreamAt = System.nanoTime() + 4 * properties.pollInterval().toNanos();
    }
  }

  private void closeStream() {
    if (cursor != null) {
      try {
        cursor.close();
      } catch (MongoException e) {
        log.debug("closing the change stream: {}", e.toString());
      }
      cursor = null;
    }
  }
}
