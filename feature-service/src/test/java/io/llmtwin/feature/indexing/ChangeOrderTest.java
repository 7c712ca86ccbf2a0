package io.llmtwin.feature.indexing;

import static io.llmtwin.feature.indexing.TestDocuments.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.featurestore.ChangeTime;
import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.ClusterTime;
import io.llmtwin.model.messaging.DocumentChanged;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeOrderTest {
  private static final Instant DELETED = Instant.parse("2026-11-28T12:00:00Z");

  private static DocumentChanged change(
      ChangeOperation operation, Instant occurredAt, Instant fetchedAt) {
    return DocumentChanged.of("e", operation, post("text", fetchedAt), occurredAt);
  }

  private static DocumentChanged delete(Instant occurredAt) {
    return DocumentChanged.deleted("d", DocumentType.POST, "post-1", null, occurredAt);
  }

  private static Optional<CleanedDocument> stored(Instant fetchedAt) {
    return Optional.of(
        new CleanedDocument(
            "post-1",
            DocumentType.POST,
            "jane",
            Platform.LINKEDIN,
            null,
            null,
            null,
            null,
            null,
            null,
            fetchedAt,
            "stored"));
  }

  @Test
  void anInsertThatHappenedBeforeTheDeleteIsStale() {
    DocumentChanged late = change(ChangeOperation.INSERT, DELETED.minusSeconds(5), null);
    assertThat(ChangeOrder.isStale(late, Optional.empty(), Optional.of(ChangeTime.at(DELETED))))
        .isTrue();
  }

  @Test
  void anUpdateOrSnapshotFromBeforeTheDeleteIsStaleToo() {
    for (ChangeOperation op :
        new ChangeOperation[] {ChangeOperation.UPDATE, ChangeOperation.SNAPSHOT}) {
      DocumentChanged late = change(op, DELETED.minusMillis(1), DELETED.minusSeconds(60));
      assertThat(ChangeOrder.isStale(late, Optional.empty(), Optional.of(ChangeTime.at(DELETED))))
          .isTrue();
    }
  }

  @Test
  void aChangeAtTheSameTimeAsTheDeleteKeepsTheDocumentDeleted() {
    DocumentChanged sameSecond = change(ChangeOperation.INSERT, DELETED, DELETED.plusSeconds(1));
    assertThat(
            ChangeOrder.isStale(sameSecond, Optional.empty(), Optional.of(ChangeTime.at(DELETED))))
        .isTrue();
  }

  @Test
  void aReCreationInTheSameSecondAsTheDeleteIsOrderedByClusterTime() {
    // MongoDB without wall times: both have the same whole second, the cluster time tells them
    // apart
    ClusterTime deleteTime = new ClusterTime(DELETED.getEpochSecond(), 3);
    Optional<ChangeTime> tombstone = Optional.of(new ChangeTime(DELETED, deleteTime));
    DocumentChanged recreated =
        change(ChangeOperation.INSERT, DELETED, DELETED)
            .withClusterTime(new ClusterTime(DELETED.getEpochSecond(), 4));
    assertThat(ChangeOrder.isStale(recreated, Optional.empty(), tombstone)).isFalse();
    DocumentChanged before =
        change(ChangeOperation.UPDATE, DELETED, DELETED)
            .withClusterTime(new ClusterTime(DELETED.getEpochSecond(), 2));
    assertThat(ChangeOrder.isStale(before, Optional.empty(), tombstone)).isTrue();
  }

  @Test
  void aDocumentReCreatedAfterTheDeleteIsIndexed() {
    DocumentChanged recreated =
        change(ChangeOperation.INSERT, DELETED.plusMillis(1), DELETED.minusSeconds(60));
    assertThat(
            ChangeOrder.isStale(recreated, Optional.empty(), Optional.of(ChangeTime.at(DELETED))))
        .isFalse();
  }

  @Test
  void anOlderInsertStaysStaleAfterTheDocumentWasReCreated() {
    DocumentChanged late = change(ChangeOperation.INSERT, DELETED.minusSeconds(5), null);
    assertThat(
            ChangeOrder.isStale(
                late, stored(DELETED.plusSeconds(10)), Optional.of(ChangeTime.at(DELETED))))
        .isTrue();
  }

  @Test
  void aVersionFetchedBeforeTheStoredOneIsStale() {
    Instant now = DELETED.plusSeconds(100);
    assertThat(
            ChangeOrder.isStale(
                change(ChangeOperation.UPDATE, now, now.minusSeconds(1)),
                stored(now),
                Optional.empty()))
        .isTrue();
    assertThat(
            ChangeOrder.isStale(
                change(ChangeOperation.UPDATE, now, now), stored(now), Optional.empty()))
        .isFalse();
    assertThat(
            ChangeOrder.isStale(
                change(ChangeOperation.UPDATE, now, null), stored(now), Optional.empty()))
        .isFalse();
  }

  @Test
  void aNeverDeletedDocumentWithoutStoredVersionIsIndexed() {
    assertThat(
            ChangeOrder.isStale(
                change(ChangeOperation.INSERT, DELETED, DELETED),
                Optional.empty(),
                Optional.empty()))
        .isFalse();
  }
}
