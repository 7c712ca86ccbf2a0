package io.llmtwin.registry.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

/** Reads the alias event log ({@code alias_history}), the source of truth for alias targets. */
final class AliasLog {

  private AliasLog() {}

  /** The newest event document of an alias, or {@code null} when it never existed. */
  static Document latest(MongoCollection<Document> history, String model, String alias) {
    return history
        .find(Filters.and(Filters.eq("model", model), Filters.eq("alias", alias)))
        .sort(Sorts.descending("revision"))
        .limit(1)
        .first();
  }
}
