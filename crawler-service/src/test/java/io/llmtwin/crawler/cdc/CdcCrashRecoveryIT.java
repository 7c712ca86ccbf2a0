package io.llmtwin.crawler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The acceptance crash test: an abrupt stop in the middle of 2,000 writes loses nothing. */
class CdcCrashRecoveryIT {
  private static final int DOCUMENTS = 2_000;

  @Test
  void everyChangeIsPublishedAtLeastOnceAcrossAnAbruptRestart() throws Exception {
    CdcTestInfrastructure.Scope scope = CdcTestInfrastructure.newScope();
    try (MongoClient mongo = CdcTestInfrastructure.mongoClient();
        CdcTestInfrastructure.Subscriber subscriber = scope.subscribe()) {
      MongoCollection<Document> articles = scope.db(mongo).getCollection("articles");
      ConfigurableApplicationContext first = scope.start("crash-first");
      ChangeStreamWatcher firstWatcher = first.getBean(ChangeStreamWatcher.class);
      await().until(() -> firstWatcher.state() == ChangeStreamWatcher.State.ACTIVE);

      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < DOCUMENTS; i++) {
                  articles.insertOne(TestDocuments.article("crash-" + i, "author-1", "v" + i));
                  // about 1,000 writes/s, so the writes span the crash and the restart
                  LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(1_000));
                }
              });

      // poll tightly so that the crash hits a batch whose confirms are still outstanding
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(1))
          .until(() -> subscriber.received().size() >= 400);
      // the process dies: no drain of unconfirmed events, the lease is not released
      firstWatcher.crash();
      first.close();
      int beforeRestart = subscriber.received().size();

      ConfigurableApplicationContext second = scope.start("crash-second");
      try {
        writer.get(60, TimeUnit.SECONDS);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> distinctDocuments(subscriber.events()) == DOCUMENTS);
        List<DocumentChanged> events = subscriber.events();
        assertThat(events).allMatch(e -> e.operation() == ChangeOperation.INSERT);
        Map<String, Long> perEventId =
            events.stream()
                .collect(Collectors.groupingBy(DocumentChanged::eventId, Collectors.counting()));
        long duplicates = events.size() - perEventId.size();
        System.out.printf(
            "CDC crash test: %d changes, %d messages (%d before the crash), %d distinct event ids,"
                + " %d duplicates%n",
            DOCUMENTS, events.size(), beforeRestart, perEventId.size(), duplicates);
        // a re-published change keeps its event id: one id per change
        assertThat(perEventId).hasSize(DOCUMENTS);
        assertThat(
                events.stream()
                    .collect(
                        Collectors.groupingBy(
                            DocumentChanged::documentId,
                            Collectors.mapping(DocumentChanged::eventId, Collectors.toSet())))
                    .values())
            .allSatisfy(ids -> assertThat(ids).hasSize(1));
      } finally {
        second.close();
      }
    }
  }

  private static int distinctDocuments(List<DocumentChanged> events) {
    Set<String> ids = new HashSet<>();
    events.stream().map(DocumentChanged::documentId).forEach(ids::add);
    return ids.size();
  }
}
