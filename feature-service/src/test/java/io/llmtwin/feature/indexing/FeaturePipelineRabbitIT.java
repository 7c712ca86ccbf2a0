package io.llmtwin.feature.indexing;

import static io.llmtwin.feature.indexing.TestDocuments.article;
import static io.llmtwin.feature.indexing.TestDocuments.change;
import static io.llmtwin.feature.indexing.TestDocuments.publish;
import static io.llmtwin.feature.indexing.TestDocuments.publishRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmtwin.featurestore.FeatureStore;
import io.llmtwin.featurestore.StoredChunk;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import io.llmtwin.model.messaging.Messaging;
import io.llmtwin.testsupport.RabbitBrokerSupport;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The listener, retry and dead-letter paths end to end through the real RabbitMQ, with the real
 * embedding model and the in-memory feature store (the Qdrant-backed store is covered by {@code
 * FeaturePipelineQdrantIT}). Skipped when the test broker is the Qpid stand-in.
 */
@SpringBootTest(
    properties = {
      "llmtwin.feature.store.backend=memory",
      // queue arguments differ from the defaults: the queues are deleted before and after
      "llmtwin.feature.indexing.retry-delay=1s",
      "llmtwin.feature.indexing.max-attempts=3"
    })
@Import(PoisonAwareEmbedderConfiguration.class)
@WithTestInfrastructure
@DirtiesContext
class FeaturePipelineRabbitIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @BeforeAll
  static void cleanBroker() throws Exception {
    assumeTrue(
        RabbitBrokerSupport.isRealRabbitMq(),
        "delayed retries need RabbitMQ's x-message-ttl and dead-lettering (set"
            + " LLMTWIN_TEST_RABBITMQ_URI); the Qpid stand-in has neither");
    RabbitBrokerSupport.resetFeatureQueues();
  }

  @AfterAll
  static void leaveBrokerClean() throws Exception {
    RabbitBrokerSupport.resetFeatureQueues();
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired FeatureStore store;

  private final Map<String, Message> deadLetters = new ConcurrentHashMap<>();

  @Test
  void insertUpdateRedeliveryAndDeleteAreAppliedInOrder() {
    String link = "https://medium.com/@jane/rabbit-it-" + UUID.randomUUID();
    RawDocument longVersion = article(link, 12, "Long version");
    publish(rabbit, change(ChangeOperation.INSERT, longVersion));

    await()
        .atMost(WITHIN)
        .until(() -> store.findChunks(DocumentType.ARTICLE, longVersion.id()).size() > 2);
    int longCount = store.findChunks(DocumentType.ARTICLE, longVersion.id()).size();
    assertThat(store.findCleaned(DocumentType.ARTICLE, longVersion.id()))
        .hasValueSatisfying(c -> assertThat(c.content()).startsWith("# Long version"));

    RawDocument shortVersion = article(link, 2, "Short version");
    DocumentChanged update = change(ChangeOperation.UPDATE, shortVersion);
    publish(rabbit, update);
    await()
        .atMost(WITHIN)
        .until(
            () ->
                store
                    .findCleaned(DocumentType.ARTICLE, shortVersion.id())
                    .map(c -> c.content().startsWith("# Short version"))
                    .orElse(false));
    List<StoredChunk> afterUpdate = store.findChunks(DocumentType.ARTICLE, shortVersion.id());
    assertThat(afterUpdate).hasSizeLessThan(longCount);
    assertThat(afterUpdate).allSatisfy(c -> assertThat(c.text()).doesNotContain("Long version"));

    publish(rabbit, update);
    publish(rabbit, update);
    String markerLink = "https://medium.com/@jane/marker-" + UUID.randomUUID();
    RawDocument marker = article(markerLink, 1, "Marker");
    publish(rabbit, change(ChangeOperation.INSERT, marker));
    await()
        .atMost(WITHIN)
        .until(() -> !store.findChunks(DocumentType.ARTICLE, marker.id()).isEmpty());
    assertThat(store.findChunks(DocumentType.ARTICLE, shortVersion.id())).isEqualTo(afterUpdate);

    publish(
        rabbit,
        DocumentChanged.deleted(
            UUID.randomUUID().toString(),
            DocumentType.ARTICLE,
            shortVersion.id(),
            "jane",
            Instant.now()));
    await()
        .atMost(WITHIN)
        .until(() -> store.findCleaned(DocumentType.ARTICLE, shortVersion.id()).isEmpty());
    assertThat(store.findChunks(DocumentType.ARTICLE, shortVersion.id())).isEmpty();
  }

  @Test
  void poisonMessagesEndInTheDeadLetterQueueWithTheirReasonWhileLaterOnesAreIndexed() {
    String invalidJsonId = "invalid-json-" + UUID.randomUUID();
    publishRaw(
        rabbit, "article.insert", invalidJsonId, "{not json".getBytes(StandardCharsets.UTF_8));

    RawDocument valid = article("https://medium.com/@jane/p-" + UUID.randomUUID(), 1, "Valid");
    String unknownTypeId = "unknown-type-" + UUID.randomUUID();
    String unknownType =
        TestDocuments.JSON
            .writeValueAsString(change(ChangeOperation.INSERT, valid))
            .replace("\"ARTICLE\"", "\"PODCAST\"");
    publishRaw(
        rabbit, "podcast.insert", unknownTypeId, unknownType.getBytes(StandardCharsets.UTF_8));

    RawDocument failing =
        article(
            "https://medium.com/@jane/f-" + UUID.randomUUID(),
            2,
            PoisonAwareEmbedderConfiguration.MARKER);
    DocumentChanged failingEvent = change(ChangeOperation.INSERT, failing);
    publish(rabbit, failingEvent);

    RawDocument later = article("https://medium.com/@jane/l-" + UUID.randomUUID(), 1, "Later");
    publish(rabbit, change(ChangeOperation.INSERT, later));

    await()
        .atMost(WITHIN)
        .until(() -> !store.findChunks(DocumentType.ARTICLE, later.id()).isEmpty());
    await()
        .atMost(WITHIN)
        .until(
            () -> {
              drainDeadLetters();
              return deadLetters
                  .keySet()
                  .containsAll(List.of(invalidJsonId, unknownTypeId, failingEvent.eventId()));
            });

    assertThat(reason(invalidJsonId)).startsWith("malformed message");
    assertThat(reason(unknownTypeId)).startsWith("malformed message").contains("PODCAST");
    assertThat(reason(failingEvent.eventId()))
        .contains("failed after 3 attempts")
        .contains("injected failure");
    assertThat(
            deadLetters
                .get(failingEvent.eventId())
                .getMessageProperties()
                .<Object>getHeader(Messaging.HEADER_ATTEMPT))
        .isEqualTo(3);
    assertThat(store.findCleaned(DocumentType.ARTICLE, failing.id())).isEmpty();
  }

  private void drainDeadLetters() {
    Message message;
    while ((message = rabbit.receive(Messaging.FEATURE_DEAD_LETTER_QUEUE)) != null) {
      deadLetters.put(message.getMessageProperties().getMessageId(), message);
    }
  }

  private String reason(String messageId) {
    return String.valueOf(
        deadLetters
            .get(messageId)
            .getMessageProperties()
            .<Object>getHeader(Messaging.HEADER_FAILURE_REASON));
  }
}
