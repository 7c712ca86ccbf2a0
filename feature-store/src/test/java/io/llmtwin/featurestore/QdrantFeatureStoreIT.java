package io.llmtwin.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.messaging.ClusterTime;
import io.llmtwin.testsupport.QdrantEndpoint;
import io.llmtwin.testsupport.TestInfrastructure;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Qdrant feature store through the official client against the Qdrant of test-support ({@code
 * LLMTWIN_TEST_QDRANT_URI}, a real Qdrant container where Docker runs, else devstack's in-process
 * Qdrant API server). Starts from empty feature collections.
 */
class QdrantFeatureStoreIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final EmbeddingModelSpec MODEL = new EmbeddingModelSpec("test-model", 8);

  private static QdrantClient client;
  private static QdrantFeatureStore store;

  @BeforeAll
  static void start() {
    QdrantEndpoint qdrant = TestInfrastructure.qdrant();
    client =
        QdrantClientFactory.create(QdrantConnectionProperties.of(qdrant.host(), qdrant.port()));
    new FeatureStoreSchema(client, MODEL, TIMEOUT).wipeAll();
    new FeatureStoreSchema(client, MODEL, TIMEOUT).ensure();
    store = new QdrantFeatureStore(client, MODEL, TIMEOUT);
  }

  @AfterAll
  static void stop() {
    // leave no collections built with the test model behind on a shared Qdrant
    new FeatureStoreSchema(client, MODEL, TIMEOUT).wipeAll();
    client.close();
  }

  private static CleanedDocument document(String content) {
    String link = "https://medium.com/@jane/" + UUID.randomUUID();
    return new CleanedDocument(
        DocumentIds.forUrl(link),
        DocumentType.ARTICLE,
        "jane",
        Platform.MEDIUM,
        link,
        "Titel über Qdrant",
        Instant.parse("2026-01-02T03:04:05Z"),
        DocumentIds.contentHash(content),
        "de",
        null,
        Instant.parse("2026-11-01T00:00:00Z"),
        content);
  }

  private static List<EmbeddedChunk> chunks(String... texts) {
    Random random = new Random(texts.length);
    List<EmbeddedChunk> chunks = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      float[] v = new float[MODEL.dimension()];
      for (int d = 0; d < v.length; d++) {
        v[d] = random.nextFloat() - 0.5f;
      }
      chunks.add(new EmbeddedChunk(i, texts[i], v));
    }
    return chunks;
  }

  @Test
  void schemaCreationIsIdempotent() throws Exception {
    new FeatureStoreSchema(client, MODEL, TIMEOUT).ensure();
    for (DocumentType type : DocumentType.values()) {
      assertThat(client.collectionExistsAsync(FeatureCollections.cleaned(type)).get()).isTrue();
      assertThat(client.collectionExistsAsync(FeatureCollections.chunks(type)).get()).isTrue();
    }
    assertThat(client.collectionExistsAsync(FeatureCollections.TOMBSTONES).get()).isTrue();
    var info = client.getCollectionInfoAsync(FeatureCollections.chunks(DocumentType.POST)).get();
    assertThat(info.getPayloadSchemaMap())
        .containsKeys(
            FeatureCollections.AUTHOR_ID,
            FeatureCollections.DOCUMENT_ID,
            FeatureCollections.PLATFORM);
  }

  @Test
  void storesAndReadsBackACleanedDocumentWithNonAsciiText() {
    CleanedDocument doc = document("# Überblick\n\nStraße, 检索增强生成 🚀");
    store.upsertCleaned(doc);
    store.upsertCleaned(doc);
    assertThat(store.findCleaned(DocumentType.ARTICLE, doc.documentId())).contains(doc);
  }

  @Test
  void replacingChunksLeavesNoStaleChunksWhenADocumentShrinks() {
    CleanedDocument doc = document("five chunks");
    store.replaceChunks(doc, chunks("a one", "b two", "c three", "d four", "e five"));
    assertThat(store.findChunks(DocumentType.ARTICLE, doc.documentId())).hasSize(5);

    store.replaceChunks(doc, chunks("x one", "y two"));
    List<StoredChunk> after = store.findChunks(DocumentType.ARTICLE, doc.documentId());
    assertThat(after).extracting(StoredChunk::text).containsExactly("x one", "y two");
    assertThat(after)
        .extracting(StoredChunk::pointId)
        .containsExactly(
            PointIds.chunk(doc.documentId(), 0).toString(),
            PointIds.chunk(doc.documentId(), 1).toString());
    assertThat(after).allSatisfy(c -> assertThat(c.embeddingModel()).isEqualTo("test-model"));
  }

  @Test
  void writingTheSameChunksTwiceLeavesTheStoreIdentical() throws Exception {
    CleanedDocument doc = document("twice");
    store.upsertCleaned(doc);
    store.replaceChunks(doc, chunks("same one", "same two", "same three"));
    List<StoredChunk> first = store.findChunks(DocumentType.ARTICLE, doc.documentId());
    long total = client.countAsync(FeatureCollections.chunks(DocumentType.ARTICLE)).get();

    store.upsertCleaned(doc);
    store.replaceChunks(doc, chunks("same one", "same two", "same three"));
    assertThat(store.findChunks(DocumentType.ARTICLE, doc.documentId())).isEqualTo(first);
    assertThat(client.countAsync(FeatureCollections.chunks(DocumentType.ARTICLE)).get())
        .isEqualTo(total);
  }

  @Test
  void deleteRemovesTheDocumentAndAllItsChunksButNothingElse() {
    CleanedDocument doomed = document("doomed");
    CleanedDocument kept = document("kept");
    for (CleanedDocument d : List.of(doomed, kept)) {
      store.upsertCleaned(d);
      store.replaceChunks(d, chunks("one", "two"));
    }
    ChangeTime deletedAt = ChangeTime.at(Instant.parse("2026-11-02T00:00:00.123Z"));
    store.deleteDocument(DocumentType.ARTICLE, doomed.documentId(), deletedAt);
    store.deleteDocument(DocumentType.ARTICLE, doomed.documentId(), deletedAt);
    assertThat(store.findCleaned(DocumentType.ARTICLE, doomed.documentId())).isEmpty();
    assertThat(store.findChunks(DocumentType.ARTICLE, doomed.documentId())).isEmpty();
    assertThat(store.findCleaned(DocumentType.ARTICLE, kept.documentId())).isPresent();
    assertThat(store.findChunks(DocumentType.ARTICLE, kept.documentId())).hasSize(2);
    assertThat(store.findDeletedAt(DocumentType.ARTICLE, doomed.documentId())).contains(deletedAt);
    assertThat(store.findDeletedAt(DocumentType.ARTICLE, kept.documentId())).isEmpty();
    assertThat(store.findDeletedAt(DocumentType.POST, doomed.documentId())).isEmpty();
  }

  @Test
  void aTombstoneOutlivesTheDocumentCreatedAgainAndIsReplacedByTheNextDelete() throws Exception {
    CleanedDocument doc = document("created, deleted, created again");
    store.upsertCleaned(doc);
    store.replaceChunks(doc, chunks("one"));
    long cleanedBefore = client.countAsync(FeatureCollections.cleaned(DocumentType.ARTICLE)).get();
    ChangeTime first = ChangeTime.at(Instant.parse("2026-11-03T00:00:00Z"));
    store.deleteDocument(DocumentType.ARTICLE, doc.documentId(), first);
    assertThat(client.countAsync(FeatureCollections.cleaned(DocumentType.ARTICLE)).get())
        .isEqualTo(cleanedBefore - 1);

    store.upsertCleaned(doc);
    store.replaceChunks(doc, chunks("one"));
    assertThat(store.findDeletedAt(DocumentType.ARTICLE, doc.documentId())).contains(first);

    ChangeTime second = ChangeTime.at(first.at().plusSeconds(60));
    store.deleteDocument(DocumentType.ARTICLE, doc.documentId(), second);
    assertThat(store.findDeletedAt(DocumentType.ARTICLE, doc.documentId())).contains(second);
    assertThat(store.findCleaned(DocumentType.ARTICLE, doc.documentId())).isEmpty();
  }

  @Test
  void anEarlierDeleteWrittenAfterALaterOneDoesNotLowerTheTombstone() {
    // two replicas applying deletes of one document at once: neither read the other's tombstone
    ChangeTime later = ChangeTime.at(Instant.parse("2026-11-04T00:01:00Z"));
    ChangeTime earlier = ChangeTime.at(later.at().minusSeconds(60));
    assertTheLatestTombstoneWinsInEitherWriteOrder("deleted twice at once", earlier, later);
  }

  /** Writes the two deletes in both orders (two documents), so the read order cannot decide. */
  private void assertTheLatestTombstoneWinsInEitherWriteOrder(
      String text, ChangeTime earlier, ChangeTime later) {
    CleanedDocument laterFirst = document(text + " (later first)");
    store.deleteDocument(DocumentType.ARTICLE, laterFirst.documentId(), later);
    store.deleteDocument(DocumentType.ARTICLE, laterFirst.documentId(), earlier);
    CleanedDocument earlierFirst = document(text + " (earlier first)");
    store.deleteDocument(DocumentType.ARTICLE, earlierFirst.documentId(), earlier);
    store.deleteDocument(DocumentType.ARTICLE, earlierFirst.documentId(), later);
    assertThat(store.findDeletedAt(DocumentType.ARTICLE, laterFirst.documentId())).contains(later);
    assertThat(store.findDeletedAt(DocumentType.ARTICLE, earlierFirst.documentId()))
        .contains(later);
  }

  @Test
  void tombstonesOfTheSameSecondAreOrderedByClusterTime() {
    // deleted, re-created and deleted again within one second: wall times tie, cluster times do not
    Instant second = Instant.parse("2026-11-04T00:02:00Z");
    ChangeTime later = new ChangeTime(second, new ClusterTime(second.getEpochSecond(), 9));
    ChangeTime earlier = new ChangeTime(second, new ClusterTime(second.getEpochSecond(), 3));
    assertTheLatestTombstoneWinsInEitherWriteOrder("deleted twice in one second", earlier, later);
  }

  @Test
  void recordingADeletionKeepsTheDocumentAndItsChangeTime() {
    ChangeTime changedAt =
        new ChangeTime(
            Instant.parse("2026-11-05T00:00:06.123456Z"), new ClusterTime(1_793_836_806L, 2));
    CleanedDocument doc = document("re-created after the delete").withChangedAt(changedAt);
    store.upsertCleaned(doc);
    store.replaceChunks(doc, chunks("one"));
    ChangeTime deletedAt = ChangeTime.at(changedAt.at().minusSeconds(6));
    store.recordDeletion(DocumentType.ARTICLE, doc.documentId(), deletedAt);
    assertThat(store.findCleaned(DocumentType.ARTICLE, doc.documentId())).contains(doc);
    assertThat(store.findChunks(DocumentType.ARTICLE, doc.documentId())).hasSize(1);
    assertThat(store.findDeletedAt(DocumentType.ARTICLE, doc.documentId())).contains(deletedAt);
  }

  @Test
  void aRebuildDropsDocumentsAndChunksButKeepsTheTombstones() {
    CleanedDocument doc = document("indexed before the rebuild");
    store.upsertCleaned(doc);
    store.replaceChunks(doc, chunks("one"));
    CleanedDocument deleted = document("deleted before the rebuild");
    ChangeTime deletedAt = ChangeTime.at(Instant.parse("2026-11-06T00:00:00Z"));
    store.deleteDocument(DocumentType.ARTICLE, deleted.documentId(), deletedAt);

    FeatureStoreSchema schema = new FeatureStoreSchema(client, MODEL, TIMEOUT);
    schema.dropForRebuild();
    schema.ensure();
    assertThat(store.findCleaned(DocumentType.ARTICLE, doc.documentId())).isEmpty();
    assertThat(store.findChunks(DocumentType.ARTICLE, doc.documentId())).isEmpty();
    assertThat(store.findDeletedAt(DocumentType.ARTICLE, deleted.documentId())).contains(deletedAt);
  }

  @Test
  void sparseQueryVectorsFindChunksByTheirWords() throws Exception {
    CleanedDocument doc = document("lexical");
    store.replaceChunks(
        doc,
        chunks(
            "Qdrant stores dense and sparse vectors", "RabbitMQ delivers messages at least once"));
    var query = new LexicalSparseEncoder().encodeQuery("rabbitmq messages");
    List<ScoredPoint> hits =
        client
            .queryAsync(
                QueryPoints.newBuilder()
                    .setCollectionName(FeatureCollections.chunks(DocumentType.ARTICLE))
                    .setQuery(QueryFactory.nearest(query.values(), query.indices()))
                    .setUsing(FeatureCollections.SPARSE_VECTOR)
                    .setWithPayload(WithPayloadSelectorFactory.enable(true))
                    .setLimit(1)
                    .build())
            .get();
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).getPayloadMap().get(FeatureCollections.TEXT).getStringValue())
        .startsWith("RabbitMQ");
  }

  @Test
  void startingWithAnotherEmbeddingModelFailsFastWithAClearMessage() {
    assertThatThrownBy(
            () ->
                new FeatureStoreSchema(client, new EmbeddingModelSpec("other-model", 8), TIMEOUT)
                    .ensure())
        .isInstanceOf(EmbeddingModelMismatchException.class)
        .hasMessageContaining("test-model")
        .hasMessageContaining("other-model")
        .hasMessageContaining("re-index");
    assertThatThrownBy(
            () ->
                new FeatureStoreSchema(client, new EmbeddingModelSpec("test-model", 16), TIMEOUT)
                    .ensure())
        .isInstanceOf(EmbeddingModelMismatchException.class)
        .hasMessageContaining("16 dimensions");
  }

  @Test
  void rejectsChunksWithTheWrongVectorSize() {
    CleanedDocument doc = document("wrong size");
    assertThatThrownBy(
            () -> store.replaceChunks(doc, List.of(new EmbeddedChunk(0, "x", new float[3]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expects 8");
  }
}
