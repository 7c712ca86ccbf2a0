package io.llmtwin.crawler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChangeStreamRelayIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private CdcTestInfrastructure.Scope scope;
  private MongoClient mongo;
  private CdcTestInfrastructure.Subscriber subscriber;
  private ConfigurableApplicationContext context;

  @BeforeEach
  void setUp() throws Exception {
    scope = CdcTestInfrastructure.newScope();
    mongo = CdcTestInfrastructure.mongoClient();
    subscriber = scope.subscribe();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (context != null) {
      context.close();
    }
    subscriber.close();
    mongo.close();
  }

  private MongoCollection<Document> articles() {
    return scope.db(mongo).getCollection("articles");
  }

  private ChangeStreamWatcher startWatcher(String... overrides) {
    context = scope.start("relay-it", overrides);
    ChangeStreamWatcher watcher = context.getBean(ChangeStreamWatcher.class);
    await().atMost(WAIT).until(() -> watcher.state() == ChangeStreamWatcher.State.ACTIVE);
    return watcher;
  }

  private List<DocumentChanged> awaitEvents(int count) {
    await().atMost(WAIT).until(() -> subscriber.received().size() >= count);
    // nothing more arrives afterwards
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(5))
        .until(() -> subscriber.received().size() == count);
    return subscriber.events();
  }

  @Test
  void insertUpdateReplaceAndDeleteEachPublishExactlyTheExpectedMessage() {
    startWatcher();
    Document article = TestDocuments.article("cdc-in-java", "author-1", "first draft");
    String id = article.getString("_id");

    articles().insertOne(article);
    List<DocumentChanged> events = awaitEvents(1);
    DocumentChanged inserted = events.get(0);
    assertThat(inserted.operation()).isEqualTo(ChangeOperation.INSERT);
    assertThat(inserted.routingKey()).isEqualTo("article.insert");
    assertThat(inserted.documentId()).isEqualTo(id);
    assertThat(inserted.authorId()).isEqualTo("author-1");
    assertThat(inserted.document().content()).isEqualTo("first draft");
    assertThat(inserted.document().publishedAt()).isNotNull();
    CdcTestInfrastructure.Received message = subscriber.received().get(0);
    assertThat(message.messageId()).isEqualTo(inserted.eventId());
    assertThat(message.routingKey()).isEqualTo("article.insert");
    assertThat(message.persistent()).isTrue();

    articles().updateOne(Filters.eq("_id", id), Updates.set("content", "second draft"));
    DocumentChanged updated = awaitEvents(2).get(1);
    assertThat(updated.operation()).isEqualTo(ChangeOperation.UPDATE);
    assertThat(updated.routingKey()).isEqualTo("article.update");
    assertThat(updated.documentId()).isEqualTo(id);
    assertThat(updated.document().content()).isEqualTo("second draft");

    articles()
        .replaceOne(
            Filters.eq("_id", id), TestDocuments.article("cdc-in-java", "author-1", "rewritten"));
    DocumentChanged replaced = awaitEvents(3).get(2);
    assertThat(replaced.operation()).isEqualTo(ChangeOperation.UPDATE);
    assertThat(replaced.document().content()).isEqualTo("rewritten");

    articles().deleteOne(Filters.eq("_id", id));
    DocumentChanged deleted = awaitEvents(4).get(3);
    assertThat(deleted.operation()).isEqualTo(ChangeOperation.DELETE);
    assertThat(deleted.routingKey()).isEqualTo("article.delete");
    assertThat(deleted.documentId()).isEqualTo(id);
    assertThat(deleted.documentType()).isEqualTo(DocumentType.ARTICLE);
    assertThat(deleted.authorId()).isEqualTo("author-1");
    assertThat(deleted.document()).isNull();
    // MongoDB's cluster time orders the four changes, also within one second
    assertThat(List.of(inserted, updated, replaced, deleted))
        .extracting(DocumentChanged::clusterTime)
        .doesNotContainNull()
        .isSortedAccordingTo(Comparator.naturalOrder())
        .doesNotHaveDuplicates();

    assertThat(subscriber.events()).extracting(DocumentChanged::eventId).doesNotHaveDuplicates();
    MeterRegistry meters = context.getBean(MeterRegistry.class);
    assertThat(
            meters
                .get("llmtwin.cdc.events.published")
                .tags("type", "article", "operation", "update")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(meters.get("llmtwin.cdc.confirm.latency").timer().count()).isEqualTo(4);
  }

  @Test
  void keepsTheOrderOfChangesToEachDocument() {
    startWatcher();
    Document a = TestDocuments.article("ordered-a", "author-1", "a-0");
    Document b = TestDocuments.post("ordered-b", "author-1", "b-0");
    articles().insertOne(a);
    scope.db(mongo).getCollection("posts").insertOne(b);
    for (int i = 1; i <= 40; i++) {
      articles().updateOne(Filters.eq("_id", a.get("_id")), Updates.set("content", "a-" + i));
      scope
          .db(mongo)
          .getCollection("posts")
          .updateOne(Filters.eq("_id", b.get("_id")), Updates.set("content", "b-" + i));
    }
    List<DocumentChanged> events = awaitEvents(82);
    for (String prefix : List.of("a-", "b-")) {
      List<Integer> versions =
          events.stream()
              .filter(e -> e.document().content().startsWith(prefix))
              .map(e -> Integer.parseInt(e.document().content().substring(2)))
              .toList();
      assertThat(versions).hasSize(41).isSorted();
    }
  }

  @Test
  void skipsMalformedStoredDocumentsAndKeepsPublishing() {
    startWatcher();
    articles()
        .insertOne(TestDocuments.article("broken", "author-1", "x").append("platform", "FAX"));
    articles().insertOne(new Document("_id", "no-content").append("authorId", "author-1"));
    articles().insertOne(TestDocuments.article("fine", "author-1", "ok"));
    List<DocumentChanged> events = awaitEvents(1);
    assertThat(events.get(0).document().title()).isEqualTo("fine");
    assertThat(
            context
                .getBean(MeterRegistry.class)
                .get("llmtwin.cdc.events.skipped")
                .tags("type", "article", "reason", "malformed")
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void resumesAfterARestartWithoutLosingOrRepeatingChanges() {
    startWatcher();
    articles().insertOne(TestDocuments.article("before-restart", "author-1", "one"));
    awaitEvents(1);
    context.close();
    context = null;
    articles().insertOne(TestDocuments.article("while-stopped", "author-1", "two"));
    startWatcher();
    List<DocumentChanged> events = awaitEvents(2);
    assertThat(events.get(1).operation()).isEqualTo(ChangeOperation.INSERT);
    assertThat(events.get(1).document().title()).isEqualTo("while-stopped");
    assertThat(
            context
                .getBean(MeterRegistry.class)
                .get("llmtwin.cdc.resumes")
                .tag("outcome", "resumed")
                .counter()
                .count())
        .as("articles resumes; posts and repositories never saw a change, so they had no token")
        .isEqualTo(1.0);
  }

  @Test
  void publishesASnapshotWhenTheStoredTokenCannotBeResumed() {
    articles().insertOne(TestDocuments.article("existing", "author-1", "kept"));
    scope
        .db(mongo)
        .getCollection("cdc_offsets", BsonDocument.class)
        .insertOne(
            new BsonDocument("_id", new BsonString("articles"))
                .append("token", new BsonDocument("_data", new BsonString("not-a-token"))));
    startWatcher();
    List<DocumentChanged> events = awaitEvents(1);
    assertThat(events.get(0).operation()).isEqualTo(ChangeOperation.SNAPSHOT);
    assertThat(events.get(0).routingKey()).isEqualTo("article.snapshot");
    assertThat(events.get(0).document().content()).isEqualTo("kept");

    articles().insertOne(TestDocuments.article("live", "author-1", "new"));
    assertThat(awaitEvents(2).get(1).operation()).isEqualTo(ChangeOperation.INSERT);
  }

  @Test
  void keepsPublishingAfterTheCollectionWasDropped() {
    startWatcher();
    articles().insertOne(TestDocuments.article("before-drop", "author-1", "one"));
    awaitEvents(1);
    articles().drop();
    articles().insertOne(TestDocuments.article("after-drop", "author-1", "two"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                subscriber.events().stream()
                    .anyMatch(e -> "after-drop".equals(e.document().title())));
  }

  @Test
  void replaysOnlyTheCallersDocumentsAsSnapshots() throws Exception {
    startWatcher();
    articles().insertOne(TestDocuments.article("mine", "author-1", "a"));
    articles().insertOne(TestDocuments.article("theirs", "author-2", "b"));
    scope.db(mongo).getCollection("posts").insertOne(TestDocuments.post("mine", "author-1", "c"));
    awaitEvents(3);
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/cdc/replay?authorId=author-1"))
                .header("X-API-Key", "test-key-123")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JsonMapper.builder().build().readTree(response.body());
    assertThat(body.get("published").asLong()).isEqualTo(2);
    List<DocumentChanged> events = awaitEvents(5);
    assertThat(events.subList(3, 5))
        .allSatisfy(
            e -> {
              assertThat(e.operation()).isEqualTo(ChangeOperation.SNAPSHOT);
              assertThat(e.authorId()).isEqualTo("author-1");
            });

    HttpResponse<String> forbidden =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/api/v1/cdc/replay?authorId=author-2&type=article"))
                .header("X-API-Key", "test-key-123")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forbidden.statusCode()).isEqualTo(403);
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/cdc/replay?authorId=author-1"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> unknownType =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/api/v1/cdc/replay?authorId=author-1&type=tweets"))
                .header("X-API-Key", "test-key-123")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknownType.statusCode()).isEqualTo(400);
    assertThat(unknownType.body()).contains("https://llmtwin.io/problems/invalid-request");

    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode cdc = JsonMapper.builder().build().readTree(health.body()).at("/components/cdc");
    assertThat(cdc.get("status").asString()).isEqualTo("UP");
    assertThat(cdc.at("/details/state").asString()).isEqualTo("ACTIVE");
    assertThat(cdc.at("/details/leaseHolder").asString()).isEqualTo("relay-it");
  }
}
