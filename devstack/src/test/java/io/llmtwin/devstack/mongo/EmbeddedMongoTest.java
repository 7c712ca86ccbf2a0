package io.llmtwin.devstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

  @Test
  void changeStreamDeliversInsertUpdateAndDeleteThroughTheOfficialDriver() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory().port(0).start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> articles = client.getDatabase("twin").getCollection("articles");
      articles.insertOne(new Document("_id", "warm-up")); // the collection must exist to be watched

      List<ChangeStreamDocument<Document>> events = new ArrayList<>();
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          articles
              .watch()
              .fullDocument(FullDocument.UPDATE_LOOKUP)
              .maxAwaitTime(100, TimeUnit.MILLISECONDS)
              .cursor()) {
        // like MongoDB, UPDATE_LOOKUP reads the document when the event is read: read each event
        // before the next change so the update event still finds the updated document
        articles.insertOne(new Document("_id", "a1").append("title", "first"));
        events.add(nextEvent(stream));
        articles.updateOne(Filters.eq("_id", "a1"), Updates.set("title", "second"));
        events.add(nextEvent(stream));
        articles.deleteOne(Filters.eq("_id", "a1"));
        events.add(nextEvent(stream));
      }

      assertThat(events)
          .extracting(ChangeStreamDocument::getOperationType)
          .containsExactly(OperationType.INSERT, OperationType.UPDATE, OperationType.DELETE);
      assertThat(events.get(0).getFullDocument()).containsEntry("title", "first");
      assertThat(events.get(1).getFullDocument())
          .containsEntry("_id", "a1")
          .containsEntry("title", "second");
      assertThat(events.get(2).getDocumentKey()).isEqualTo(BsonDocument.parse("{\"_id\": \"a1\"}"));
    }
  }

  private static ChangeStreamDocument<Document> nextEvent(
      MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream) {
    return await().atMost(Duration.ofSeconds(10)).until(stream::tryNext, Objects::nonNull);
  }

  @Test
  void connectionStringNamesNoReplicaSetAndTheRealPort() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory().port(0).start()) {
      assertThat(mongo.port()).isPositive();
      assertThat(mongo.connectionString())
          .isEqualTo("mongodb://127.0.0.1:" + mongo.port())
          .doesNotContain("replicaSet");
      assertThat(mongo.dataFile()).isEmpty();
    }
  }

  @Test
  void persistentServerKeepsDocumentsAcrossRestart(@TempDir Path dir) {
    Path file = dir.resolve("data").resolve("mongo.mv.db");
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file).port(0).start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      client
          .getDatabase("twin")
          .getCollection("posts")
          .insertOne(new Document("_id", "p1").append("text", "kept"));
    }
    assertThat(file).exists();

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file).port(0).start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      Document restored =
          client.getDatabase("twin").getCollection("posts").find(Filters.eq("_id", "p1")).first();
      assertThat(restored).isNotNull().containsEntry("text", "kept");
    }
  }

  @Test
  void persistentOplogLetsAChangeStreamResumeAfterRestart(@TempDir Path dir) {
    Path file = dir.resolve("mongo.mv.db");
    BsonDocument resumeToken;
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file).start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> posts = client.getDatabase("twin").getCollection("posts");
      posts.insertOne(new Document("_id", "warm-up"));
      try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
          posts.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
        posts.insertOne(new Document("_id", "seen"));
        resumeToken = nextEvent(stream).getResumeToken();
        posts.insertOne(new Document("_id", "missed while down"));
      }
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file).start();
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> resumed =
            client
                .getDatabase("twin")
                .getCollection("posts")
                .watch()
                .resumeAfter(resumeToken)
                .maxAwaitTime(100, TimeUnit.MILLISECONDS)
                .cursor()) {
      ChangeStreamDocument<Document> event = nextEvent(resumed);
      assertThat(event.getOperationType()).isEqualTo(OperationType.INSERT);
      assertThat(event.getDocumentKey())
          .isEqualTo(BsonDocument.parse("{\"_id\": \"missed while down\"}"));
    }
  }

  @Test
  void inMemoryServerForgetsEverythingOnClose() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory().start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      client.getDatabase("twin").getCollection("posts").insertOne(new Document("_id", "p1"));
    }
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory().start();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(client.getDatabase("twin").getCollection("posts").countDocuments()).isZero();
    }
  }
}
