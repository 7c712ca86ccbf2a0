package io.llmtwin.feature.indexing;

import static io.llmtwin.feature.indexing.TestDocuments.article;
import static io.llmtwin.feature.indexing.TestDocuments.change;
import static io.llmtwin.feature.indexing.TestDocuments.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmtwin.feature.embedding.Embedder;
import io.llmtwin.featurestore.FeatureStore;
import io.llmtwin.featurestore.QdrantFeatureStore;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import io.llmtwin.testsupport.RabbitBrokerSupport;
import io.llmtwin.testsupport.WithTestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The race of ADR 0052: an insert fails, waits in the retry queue of the real RabbitMQ, and comes
 * back after the document's delete was applied. It must not bring the document back into Qdrant
 * (devstack's in-process Qdrant API server); a later re-creation of the document must. Skipped when
 * the test broker is the Qpid stand-in (no message TTL, so no delayed retry).
 */
@SpringBootTest(
    properties = {
      // queue arguments differ from the defaults: the queues are deleted before and after
      "llmtwin.feature.indexing.retry-delay=2s",
      "llmtwin.feature.indexing.max-attempts=5"
    })
@WithTestInfrastructure
@DirtiesContext
class LateChangeAfterDeleteIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final String MARKER = "FAILS-WHILE-HELD";
  private static final AtomicBoolean held = new AtomicBoolean(true);

  /** The real model, except that texts with {@link #MARKER} fail while {@link #held} is set. */
  @TestConfiguration(proxyBeanMethods = false)
  static class HeldEmbedderConfiguration {
    @Bean
    @Primary
    Embedder heldEmbedder(@Qualifier("modelEmbedder") Embedder model) {
      return new FailingEmbedder(model, text -> held.get() && text.contains(MARKER));
    }
  }

  @BeforeAll
  static void cleanBroker() throws Exception {
    assumeTrue(
        RabbitBrokerSupport.isRealRabbitMq(),
        "the late insert comes back through RabbitMQ's x-message-ttl retry queue (set"
            + " LLMTWIN_TEST_RABBITMQ_URI); the Qpid stand-in has no TTL");
    RabbitBrokerSupport.resetFeatureQueues();
    held.set(true);
  }

  @AfterAll
  static void leaveBrokerClean() throws Exception {
    RabbitBrokerSupport.resetFeatureQueues();
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired FeatureStore store;
  @Autowired MeterRegistry meters;

  @Test
  void anInsertRetriedAfterTheDeleteStaysDeletedWhileALaterReCreationIsIndexed() {
    assertThat(store).isInstanceOf(QdrantFeatureStore.class);
    String link = "https://medium.com/@jane/late-insert-" + UUID.randomUUID();
    RawDocument first = article(link, 3, MARKER);
    publish(rabbit, change(ChangeOperation.INSERT, first));
    await().atMost(WITHIN).until(() -> count("llmtwin.feature.failures", "retried") >= 1);

    publish(
        rabbit,
        DocumentChanged.deleted(
            UUID.randomUUID().toString(), DocumentType.ARTICLE, first.id(), "jane", Instant.now()));
    await().atMost(WITHIN).until(() -> documents("delete", "indexed") == 1);
    held.set(false);

    // the insert comes back from the retry queue after the delete
    await()
        .atMost(WITHIN)
        .until(() -> documents("insert", "stale") + documents("insert", "indexed") >= 1);
    assertThat(store.findCleaned(DocumentType.ARTICLE, first.id()))
        .as("a late insert older than the delete resurrected the document")
        .isEmpty();
    assertThat(store.findChunks(DocumentType.ARTICLE, first.id())).isEmpty();
    assertThat(documents("insert", "stale")).isEqualTo(1);

    RawDocument createdAgain = article(link, 2, "Created again");
    publish(rabbit, change(ChangeOperation.INSERT, createdAgain));
    await().atMost(WITHIN).until(() -> documents("insert", "indexed") >= 1);
    assertThat(store.findCleaned(DocumentType.ARTICLE, createdAgain.id()))
        .hasValueSatisfying(c -> assertThat(c.content()).startsWith("# Created again"));
    assertThat(store.findChunks(DocumentType.ARTICLE, createdAgain.id()))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.text()).doesNotContain(MARKER));
  }

  private double documents(String operation, String outcome) {
    Counter counter =
        meters
            .find("llmtwin.feature.documents")
            .tags("type", "article", "operation", operation, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double count(String name, String outcome) {
    Counter counter = meters.find(name).tags("type", "article", "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
