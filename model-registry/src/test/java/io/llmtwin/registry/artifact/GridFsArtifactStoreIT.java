package io.llmtwin.registry.artifact;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.llmtwin.registry.TestMongo;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

class GridFsArtifactStoreIT extends ArtifactStoreContract {

  private static TestMongo mongo;
  private MongoTemplate template;
  private GridFsArtifactStore store;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @BeforeEach
  void createStore() {
    template = mongo.freshTemplate();
    store =
        new GridFsArtifactStore(
            new SimpleMongoClientDatabaseFactory(mongo.uri(template.getDb().getName())),
            template.getConverter(),
            "artifacts");
  }

  @Override
  protected ArtifactStore store() {
    return store;
  }

  @Override
  protected void tamper(String key) {
    Document file =
        template.getCollection("artifacts.files").find(Filters.eq("filename", key)).first();
    MongoCollection<Document> chunks = template.getCollection("artifacts.chunks");
    Document chunk =
        chunks
            .find(Filters.and(Filters.eq("files_id", file.get("_id")), Filters.eq("n", 0)))
            .first();
    byte[] data = chunk.get("data", Binary.class).getData();
    data[data.length / 2] ^= (byte) 0xff;
    chunks.updateOne(Filters.eq("_id", chunk.get("_id")), Updates.set("data", new Binary(data)));
  }
}
