package io.llmtwin.crawler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The acceptance lease test: of two watchers only one publishes; the other takes over. */
class CdcLeaseIT {
  private static final Duration LEASE_TTL = Duration.ofSeconds(3);

  @Test
  void onlyTheLeaseHolderPublishesAndTheOtherTakesOverWithinTheLeaseTime() throws Exception {
    CdcTestInfrastructure.Scope scope = CdcTestInfrastructure.newScope();
    try (MongoClient mongo = CdcTestInfrastructure.mongoClient();
        CdcTestInfrastructure.Subscriber subscriber = scope.subscribe();
        ConfigurableApplicationContext first = scope.start("lease-a");
        ConfigurableApplicationContext second = scope.start("lease-b")) {
      ChangeStreamWatcher a = first.getBean(ChangeStreamWatcher.class);
      ChangeStreamWatcher b = second.getBean(ChangeStreamWatcher.class);
      await().until(() -> a.state() == ChangeStreamWatcher.State.ACTIVE);
      await().until(() -> b.state() == ChangeStreamWatcher.State.STANDBY);

      MongoCollection<Document> articles = scope.db(mongo).getCollection("articles");
      for (int i = 0; i < 20; i++) {
        articles.insertOne(TestDocuments.article("lease-" + i, "author-1", "v" + i));
      }
      await().until(() -> subscriber.received().size() == 20);
      assertThat(subscriber.received()).allMatch(m -> "lease-a".equals(m.publisher()));
      assertThat(
              second.getBean(MeterRegistry.class).find("llmtwin.cdc.events.published").counters())
          .isEmpty();
      assertThat(b.state()).isEqualTo(ChangeStreamWatcher.State.STANDBY);

      // the active instance dies without releasing its lease
      a.crash();
      Instant crashedAt = Instant.now();
      for (int i = 20; i < 40; i++) {
        articles.insertOne(TestDocuments.article("lease-" + i, "author-1", "v" + i));
      }
      await()
          .atMost(LEASE_TTL.plus(Duration.ofSeconds(2)))
          .until(() -> b.state() == ChangeStreamWatcher.State.ACTIVE);
      Duration takeover = Duration.between(crashedAt, Instant.now());
      System.out.printf("CDC lease test: standby took over after %d ms%n", takeover.toMillis());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> subscriber.events().stream().map(e -> e.documentId()).distinct().count() == 40);
      assertThat(subscriber.received().subList(20, subscriber.received().size()))
          .allMatch(m -> "lease-b".equals(m.publisher()));
      assertThat(b.leaseHolder()).contains("lease-b");
    }
  }
}
