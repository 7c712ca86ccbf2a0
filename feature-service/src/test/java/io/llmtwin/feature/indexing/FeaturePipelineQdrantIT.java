package io.llmtwin.feature.indexing;

import static io.llmtwin.feature.indexing.TestDocuments.article;
import static io.llmtwin.feature.indexing.TestDocuments.change;
import static io.llmtwin.feature.indexing.TestDocuments.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmtwin.featurestore.FeatureCollections;
import io.llmtwin.featurestore.FeatureStore;
import io.llmtwin.featurestore.QdrantFeatureStore;
import io.llmtwin.featurestore.StoredChunk;
import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import io.llmtwin.testsupport.RabbitBrokerSupport;
import io.llmtwin.testsupport.WithTestInfrastructure;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Points.QueryPoints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * End to end: DocumentChanged messages published to the real RabbitMQ like the CDC watcher does are
 * cleaned, chunked, embedded with the real model and written to Qdrant (the in-process Qdrant API
 * server from devstack).
 */
@SpringBootTest
@WithTestInfrastructure
@DirtiesContext
class FeaturePipelineQdrantIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @BeforeAll
  static void cleanBroker() throws Exception {
    RabbitBrokerSupport.resetFeatureQueues();
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired FeatureStore store;
  @Autowired QdrantClient client;

  @Test
  void everyDocumentTypeAppearsInItsCleanedAndChunksCollections() throws Exception {
    assertThat(store).isInstanceOf(QdrantFeatureStore.class);
    RawDocument article = article("https://medium.com/@jane/q-" + UUID.randomUUID(), 6, "Qdrant");
    RawDocument post =
        raw(DocumentType.POST, Platform.LINKEDIN, "𝐁𝐢𝐠 news 🚀\nMail me: jane@example.com\n#AI");
    RawDocument code =
        raw(
            DocumentType.REPOSITORY,
            Platform.GITHUB,
            "def f():\n\treturn  1\n\n\nclass A:\n    pass\n");
    for (RawDocument d : List.of(article, post, code)) {
      publish(rabbit, change(ChangeOperation.INSERT, d));
    }
    for (RawDocument d : List.of(article, post, code)) {
      await().atMost(WITHIN).until(() -> !store.findChunks(d.type(), d.id()).isEmpty());
      assertThat(store.findCleaned(d.type(), d.id())).isPresent();
    }
    assertThat(store.findCleaned(DocumentType.POST, post.id()).orElseThrow().content())
        .isEqualTo("Big news 🚀\nMail me: [email]\n#AI");
    assertThat(
            String.join(
                "",
                store.findChunks(DocumentType.REPOSITORY, code.id()).stream()
                    .map(StoredChunk::text)
                    .toList()))
        .isEqualTo(code.content());
    assertThat(store.findChunks(DocumentType.ARTICLE, article.id()))
        .allSatisfy(
            c -> {
              assertThat(c.authorId()).isEqualTo("jane");
              assertThat(c.embeddingModel()).isEqualTo("all-minilm-l6-v2-q");
            });

    var hits =
        client
            .queryAsync(
                QueryPoints.newBuilder()
                    .setCollectionName(FeatureCollections.chunks(DocumentType.ARTICLE))
                    .setQuery(QueryFactory.nearest(new float[384]))
                    .setUsing(FeatureCollections.DENSE_VECTOR)
                    .setWithPayload(WithPayloadSelectorFactory.enable(true))
                    .setLimit(1)
                    .build())
            .get();
    assertThat(hits).isNotEmpty();
  }

  @Test
  void updateReplacesChunksRedeliveryChangesNothingAndDeleteRemovesEverything() throws Exception {
    String link = "https://medium.com/@jane/lifecycle-" + UUID.randomUUID();
    RawDocument longVersion = article(link, 14, "Long");
    publish(rabbit, change(ChangeOperation.INSERT, longVersion));
    await()
        .atMost(WITHIN)
        .until(() -> store.findChunks(DocumentType.ARTICLE, longVersion.id()).size() > 2);
    int longCount = store.findChunks(DocumentType.ARTICLE, longVersion.id()).size();

    RawDocument shortVersion = article(link, 2, "Short");
    DocumentChanged update = change(ChangeOperation.UPDATE, shortVersion);
    publish(rabbit, update);
    await()
        .atMost(WITHIN)
        .until(() -> store.findChunks(DocumentType.ARTICLE, shortVersion.id()).size() < longCount);
    List<StoredChunk> afterUpdate = store.findChunks(DocumentType.ARTICLE, shortVersion.id());
    assertThat(afterUpdate).allSatisfy(c -> assertThat(c.text()).doesNotContain("# Long"));
    long pointsAfterUpdate =
        client.countAsync(FeatureCollections.chunks(DocumentType.ARTICLE)).get();

    publish(rabbit, update);
    publish(rabbit, change(ChangeOperation.SNAPSHOT, shortVersion));
    RawDocument marker = article("https://medium.com/@jane/m-" + UUID.randomUUID(), 1, "Marker");
    publish(rabbit, change(ChangeOperation.INSERT, marker));
    await()
        .atMost(WITHIN)
        .until(() -> !store.findChunks(DocumentType.ARTICLE, marker.id()).isEmpty());
    assertThat(store.findChunks(DocumentType.ARTICLE, shortVersion.id())).isEqualTo(afterUpdate);
    assertThat(client.countAsync(FeatureCollections.chunks(DocumentType.ARTICLE)).get())
        .isEqualTo(pointsAfterUpdate + store.findChunks(DocumentType.ARTICLE, marker.id()).size());

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

  private static RawDocument raw(DocumentType type, Platform platform, String content) {
    String link = "https://example.com/" + type.key() + "/" + UUID.randomUUID();
    return new RawDocument(
        DocumentIds.forUrl(link),
        type,
        "jane",
        platform,
        link,
        type.key(),
        content,
        Instant.now(),
        Instant.now(),
        DocumentIds.contentHash(content),
        type == DocumentType.REPOSITORY ? "python" : "en",
        type == DocumentType.REPOSITORY ? "src/a.py" : null);
  }
}
