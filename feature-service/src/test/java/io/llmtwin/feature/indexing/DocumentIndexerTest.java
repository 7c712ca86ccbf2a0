package io.llmtwin.feature.indexing;

import static io.llmtwin.feature.indexing.TestDocuments.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.feature.chunking.ChunkingProperties;
import io.llmtwin.feature.chunking.DocumentChunker;
import io.llmtwin.feature.cleaning.CleaningProperties;
import io.llmtwin.feature.cleaning.DocumentCleaner;
import io.llmtwin.feature.embedding.Embedder;
import io.llmtwin.feature.embedding.EmbeddingFailedException;
import io.llmtwin.featurestore.ChangeTime;
import io.llmtwin.featurestore.EmbeddingModelSpec;
import io.llmtwin.featurestore.InMemoryFeatureStore;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.ClusterTime;
import io.llmtwin.model.messaging.DocumentChanged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DocumentIndexerTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:10Z");

  private final InMemoryFeatureStore store = new InMemoryFeatureStore("fake");
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Counts whitespace-separated words as tokens: enough to drive the chunker. */
  private final DocumentChunker chunker =
      new DocumentChunker(
          ChunkingProperties.defaults(),
          pieces ->
              pieces.stream().mapToInt(p -> p.isBlank() ? 0 : p.split("\\s+").length).toArray());

  /** Runs once inside the next embedding call: what another replica does meanwhile. */
  private Runnable whileEmbedding = () -> {};

  private final Embedder embedder =
      new Embedder() {
        @Override
        public EmbeddingModelSpec spec() {
          return new EmbeddingModelSpec("fake", 2);
        }

        @Override
        public List<float[]> embed(List<String> texts) {
          Runnable meanwhile = whileEmbedding;
          whileEmbedding = () -> {};
          meanwhile.run();
          if (texts.stream().anyMatch(t -> t.contains("FAIL"))) {
            throw new EmbeddingFailedException("boom");
          }
          return texts.stream().map(t -> new float[] {1, t.length()}).toList();
        }
      };

  private final DocumentIndexer indexer = replica();

  /** Another feature-service replica on the same store: it shares no lock with {@link #indexer}. */
  private final DocumentIndexer otherReplica = replica();

  private DocumentIndexer replica() {
    return new DocumentIndexer(
        new DocumentCleaner(CleaningProperties.defaults()),
        chunker,
        embedder,
        store,
        meters,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static DocumentChanged upsert(RawDocument doc) {
    return DocumentChanged.of(
        "e-" + doc.fetchedAt(), ChangeOperation.UPDATE, doc, NOW.minusSeconds(10));
  }

  @Test
  void indexesAPostAndRecordsMetrics() {
    indexer.apply(upsert(post("Hello 🚀 #AI", NOW)));
    assertThat(store.findChunks(DocumentType.POST, "post-1"))
        .singleElement()
        .satisfies(c -> assertThat(c.text()).isEqualTo("Hello 🚀 #AI"));
    assertThat(
            meters
                .get("llmtwin.feature.documents")
                .tags("type", "post", "operation", "update", "outcome", "indexed")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("llmtwin.feature.chunks").tags("type", "post").counter().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("llmtwin.feature.lag")
                .tags("type", "post")
                .timer()
                .totalTime(TimeUnit.SECONDS))
        .isEqualTo(10);
  }

  @Test
  void anOlderVersionArrivingLateDoesNotOverwriteTheNewerOne() {
    indexer.apply(upsert(post("new text", NOW)));
    indexer.apply(upsert(post("old text", NOW.minusSeconds(60))));
    assertThat(store.findCleaned(DocumentType.POST, "post-1").orElseThrow().content())
        .isEqualTo("new text");
    assertThat(meters.get("llmtwin.feature.documents").tags("outcome", "stale").counter().count())
        .isEqualTo(1);
  }

  @Test
  void deleteRemovesDocumentAndChunks() {
    indexer.apply(upsert(post("to delete", NOW)));
    indexer.apply(DocumentChanged.deleted("d", DocumentType.POST, "post-1", "jane", NOW));
    assertThat(store.findCleaned(DocumentType.POST, "post-1")).isEmpty();
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isEmpty();
  }

  @Test
  void anInsertDeliveredAfterALaterDeleteDoesNotResurrectTheDocument() {
    RawDocument doc = post("first version", NOW.minusSeconds(30));
    DocumentChanged insert =
        DocumentChanged.of("i", ChangeOperation.INSERT, doc, NOW.minusSeconds(20));
    indexer.apply(DocumentChanged.deleted("d", DocumentType.POST, "post-1", "jane", NOW));
    indexer.apply(insert);
    assertThat(store.findCleaned(DocumentType.POST, "post-1")).isEmpty();
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isEmpty();
    assertThat(
            meters
                .get("llmtwin.feature.documents")
                .tags("operation", "insert", "outcome", "stale")
                .counter()
                .count())
        .isEqualTo(1);

    indexer.apply(
        DocumentChanged.of(
            "again",
            ChangeOperation.INSERT,
            post("created again", NOW.plusSeconds(5)),
            NOW.plusSeconds(6)));
    assertThat(store.findCleaned(DocumentType.POST, "post-1").orElseThrow().content())
        .isEqualTo("created again");
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isNotEmpty();
  }

  @Test
  void aDeleteDeliveredAfterALaterReCreationKeepsTheReCreatedDocument() {
    // several consumers: the re-creation is applied before the older delete
    indexer.apply(
        DocumentChanged.of(
            "again",
            ChangeOperation.INSERT,
            post("created again", NOW.plusSeconds(5)),
            NOW.plusSeconds(6)));
    indexer.apply(DocumentChanged.deleted("d", DocumentType.POST, "post-1", "jane", NOW));
    assertThat(store.findCleaned(DocumentType.POST, "post-1").orElseThrow().content())
        .isEqualTo("created again");
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isNotEmpty();
    assertThat(store.findDeletedAt(DocumentType.POST, "post-1")).contains(ChangeTime.at(NOW));
    assertThat(
            meters
                .get("llmtwin.feature.documents")
                .tags("operation", "delete", "outcome", "stale")
                .counter()
                .count())
        .isEqualTo(1);

    // the first version, created before the delete, stays stale
    indexer.apply(
        DocumentChanged.of(
            "first",
            ChangeOperation.INSERT,
            post("first version", NOW.minusSeconds(30)),
            NOW.minusSeconds(20)));
    assertThat(store.findCleaned(DocumentType.POST, "post-1").orElseThrow().content())
        .isEqualTo("created again");

    // a delete after the re-creation removes it
    indexer.apply(
        DocumentChanged.deleted("d2", DocumentType.POST, "post-1", "jane", NOW.plusSeconds(7)));
    assertThat(store.findCleaned(DocumentType.POST, "post-1")).isEmpty();
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isEmpty();
  }

  @Test
  void aDeleteAppliedByAnotherReplicaWhileEmbeddingIsNotUndoneByTheOlderInsert() {
    // this replica finds no tombstone and embeds; meanwhile the other one applies the delete
    whileEmbedding =
        () ->
            otherReplica.apply(
                DocumentChanged.deleted("d", DocumentType.POST, "post-1", "jane", NOW));
    indexer.apply(
        DocumentChanged.of(
            "i",
            ChangeOperation.INSERT,
            post("first version", NOW.minusSeconds(30)),
            NOW.minusSeconds(20)));
    assertThat(store.findCleaned(DocumentType.POST, "post-1")).isEmpty();
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isEmpty();
    assertThat(store.findDeletedAt(DocumentType.POST, "post-1")).contains(ChangeTime.at(NOW));
    assertThat(
            meters
                .get("llmtwin.feature.documents")
                .tags("operation", "insert", "outcome", "stale")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aReCreationIndexedWhileAnotherReplicaAppliesTheEarlierDeleteStays() {
    whileEmbedding =
        () ->
            otherReplica.apply(
                DocumentChanged.deleted(
                    "d", DocumentType.POST, "post-1", "jane", NOW.minusSeconds(30)));
    indexer.apply(
        DocumentChanged.of(
            "again",
            ChangeOperation.INSERT,
            post("created again", NOW.minusSeconds(20)),
            NOW.minusSeconds(20)));
    assertThat(store.findCleaned(DocumentType.POST, "post-1").orElseThrow().content())
        .isEqualTo("created again");
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isNotEmpty();
  }

  @Test
  void aDocumentReCreatedInTheSecondOfItsDeleteIsIndexedAgain() {
    // change events without wall time: delete and re-creation share the whole second
    indexer.apply(
        DocumentChanged.deleted("d", DocumentType.POST, "post-1", "jane", NOW)
            .withClusterTime(new ClusterTime(NOW.getEpochSecond(), 1)));
    indexer.apply(
        DocumentChanged.of("again", ChangeOperation.INSERT, post("created again", NOW), NOW)
            .withClusterTime(new ClusterTime(NOW.getEpochSecond(), 2)));
    assertThat(store.findCleaned(DocumentType.POST, "post-1").orElseThrow().content())
        .isEqualTo("created again");
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isNotEmpty();
  }

  @Test
  void aDeleteAfterASnapshotRemovesTheDocumentWhateverTheSnapshotsClockSays() {
    // the snapshot's time is the crawler's clock (here ahead of MongoDB's delete time); it read the
    // document before the delete, so the delete must win
    indexer.apply(
        DocumentChanged.of(
            "snap", ChangeOperation.SNAPSHOT, post("snapshot copy", NOW), NOW.plusMillis(300)));
    indexer.apply(
        DocumentChanged.deleted("d", DocumentType.POST, "post-1", "jane", NOW)
            .withClusterTime(new ClusterTime(NOW.getEpochSecond(), 3)));
    assertThat(store.findCleaned(DocumentType.POST, "post-1")).isEmpty();
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isEmpty();
  }

  @Test
  void aSnapshotKeepsTheChangeTimeOfTheInsertItRepeats() {
    // a re-creation indexed from its insert, then repeated by a snapshot: an older delete arriving
    // late still leaves it in place, because the stored change time is still the insert's
    indexer.apply(
        DocumentChanged.of(
            "again",
            ChangeOperation.INSERT,
            post("created again", NOW.plusSeconds(5)),
            NOW.plusSeconds(6)));
    indexer.apply(
        DocumentChanged.of(
            "snap",
            ChangeOperation.SNAPSHOT,
            post("created again", NOW.plusSeconds(5)),
            NOW.plusSeconds(1)));
    indexer.apply(DocumentChanged.deleted("d", DocumentType.POST, "post-1", "jane", NOW));
    assertThat(store.findCleaned(DocumentType.POST, "post-1").orElseThrow().content())
        .isEqualTo("created again");
  }

  @Test
  void aDeleteDeliveredLateKeepsTheLaterDeleteTimeInTheTombstone() {
    indexer.apply(DocumentChanged.deleted("d2", DocumentType.POST, "post-1", "jane", NOW));
    indexer.apply(
        DocumentChanged.deleted("d1", DocumentType.POST, "post-1", null, NOW.minusSeconds(60)));
    assertThat(store.findDeletedAt(DocumentType.POST, "post-1")).contains(ChangeTime.at(NOW));
  }

  @Test
  void embeddingFailureLeavesTheStoreUntouched() {
    indexer.apply(upsert(post("good version", NOW)));
    assertThatThrownBy(() -> indexer.apply(upsert(post("FAIL here", NOW.plusSeconds(1)))))
        .isInstanceOf(EmbeddingFailedException.class);
    assertThat(store.findCleaned(DocumentType.POST, "post-1").orElseThrow().content())
        .isEqualTo("good version");
  }

  @Test
  void emptyDocumentHasNoChunks() {
    indexer.apply(upsert(post("", NOW)));
    assertThat(store.findCleaned(DocumentType.POST, "post-1")).isPresent();
    assertThat(store.findChunks(DocumentType.POST, "post-1")).isEmpty();
  }
}
