package io.llmtwin.crawler.cdc;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * Where each change stream stopped: one document per watched collection holding the resume token of
 * the last change whose message the broker confirmed.
 */
final class ResumeTokenStore {
  private final MongoCollection<BsonDocument> offsets;

  ResumeTokenStore(MongoDatabase database, String collection) {
    this.offsets = database.getCollection(collection, BsonDocument.class);
  }

  Optional<BsonDocument> load(String stream) {
    BsonDocument stored = offsets.find(Filters.eq("_id", stream)).first();
    if (stored == null || !stored.isDocument("token")) {
      return Optional.empty();
    }
    return Optional.of(stored.getDocument("token"));
  }

  void save(String stream, BsonDocument token) {
    BsonDocument offset =
        new BsonDocument("_id", new BsonString(stream))
            .append("token", token)
            .append("updatedAt", new BsonDateTime(Date.from(Instant.now()).getTime()));
    offsets.replaceOne(Filters.eq("_id", stream), offset, new ReplaceOptions().upsert(true));
  }

  void clear(String stream) {
    offsets.deleteOne(Filters.eq("_id", stream));
  }
}
