package io.llmtwin.registry.mongo;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.llmtwin.registry.RegistryCollections;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Creates the registry's indexes (idempotent). */
final class RegistryIndexes {

  private RegistryIndexes() {}

  static void ensure(MongoTemplate mongo) {
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
  }
}
