package io.llmtwin.registry.mongo;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.llmtwin.registry.RegistryCollections;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Creates the registry's indexes once, on the first write (not at startup, so an application starts
 * even while MongoDB is still coming up). Correctness never depends on them: every claim relies on
 * the unique {@code _id}; the indexes serve the queries.
 */
final class RegistryIndexes {

  private final MongoTemplate mongo;
  private final AtomicBoolean ensured = new AtomicBoolean();

  RegistryIndexes(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  void ensure() {
    if (ensured.get()) {
      return;
    }
    mongo
        .getCollection(RegistryCollections.VERSIONS)
        .createIndex(
            Indexes.ascending("model", "number"),
            new IndexOptions().unique(true).name("model_number"));
    mongo
        .getCollection(RegistryCollections.ALIASES)
        .createIndex(Indexes.ascending("model"), new IndexOptions().name("model"));
    mongo
        .getCollection(RegistryCollections.ALIAS_HISTORY)
        .createIndex(Indexes.ascending("at"), new IndexOptions().name("at"));
    mongo
        .getCollection(RegistryCollections.ALIAS_HISTORY)
        .createIndex(
            Indexes.ascending("model", "alias", "revision"),
            new IndexOptions().unique(true).name("model_alias_revision"));
    ensured.set(true);
  }
}
