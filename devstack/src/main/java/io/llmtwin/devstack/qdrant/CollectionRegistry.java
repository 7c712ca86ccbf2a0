package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Collections.CreateCollection;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** All collections by name. */
final class CollectionRegistry {
  private final ConcurrentMap<String, StoredCollection> collections = new ConcurrentHashMap<>();
  private final CollectionPersistence persistence;

  CollectionRegistry(CollectionPersistence persistence) {
    this.persistence = persistence;
  }

  /** Adds collections read from disk at start-up. */
  void restore(Collection<StoredCollection> restored) {
    restored.forEach(c -> collections.put(c.name(), c));
  }

  StoredCollection get(String name) {
    StoredCollection c = collections.get(name);
    if (c == null) {
      throw QdrantErrors.collectionNotFound(name);
    }
    return c;
  }

  boolean exists(String name) {
    return collections.containsKey(name);
  }

  List<String> names() {
    return collections.keySet().stream().sorted().toList();
  }

  synchronized void create(CreateCollection request) {
    if (request.hasInitFromCollection()) {
      throw QdrantErrors.unsupported("init_from_collection");
    }
    CollectionSchema schema = CollectionSchema.of(request);
    if (collections.containsKey(schema.name())) {
      throw QdrantErrors.collectionExists(schema.name());
    }
    StoredCollection collection = new StoredCollection(schema);
    collections.put(schema.name(), collection);
    persistence.changed(collection);
  }

  /** Returns whether a collection was deleted (Qdrant answers false, not an error, otherwise). */
  synchronized boolean delete(String name) {
    StoredCollection removed = collections.remove(name);
    if (removed == null) {
      return false;
    }
    persistence.dropped(removed);
    return true;
  }

  void changed(StoredCollection collection) {
    persistence.changed(collection);
  }
}
