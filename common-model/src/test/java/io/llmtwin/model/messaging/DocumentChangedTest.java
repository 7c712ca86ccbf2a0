package io.llmtwin.model.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DocumentChangedTest {
  private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private static RawDocument article() {
    String link = "https://medium.com/@jane/rag-in-java-123";
    String content = "# RAG in Java\n\nRetrieval first.\n";
    return new RawDocument(
        DocumentIds.forUrl(link),
        DocumentType.ARTICLE,
        "jane",
        Platform.MEDIUM,
        link,
        "RAG in Java",
        content,
        Instant.parse("2026-01-02T03:04:05Z"),
        Instant.parse("2026-11-01T00:00:00Z"),
        DocumentIds.contentHash(content),
        "en",
        null);
  }

  @Test
  void roundTripsThroughJson() {
    var event =
        DocumentChanged.of(
            "evt-1", ChangeOperation.INSERT, article(), Instant.parse("2026-11-01T00:00:01Z"));
    String json = JSON.writeValueAsString(event);
    assertThat(json)
        .contains(
            "\"schemaVersion\":1", "\"operation\":\"INSERT\"", "\"documentType\":\"ARTICLE\"");
    assertThat(JSON.readValue(json, DocumentChanged.class)).isEqualTo(event);
  }

  @Test
  void carriesAnOptionalClusterTime() {
    var event =
        DocumentChanged.deleted("evt-5", DocumentType.POST, "doc-9", "jane", Instant.EPOCH)
            .withClusterTime(new ClusterTime(1_790_000_000L, 7));
    String json = JSON.writeValueAsString(event);
    assertThat(json).contains("\"clusterTime\":{\"seconds\":1790000000,\"increment\":7}");
    assertThat(JSON.readValue(json, DocumentChanged.class)).isEqualTo(event);
    assertThatThrownBy(
            () ->
                DocumentChanged.of("evt-6", ChangeOperation.SNAPSHOT, article(), Instant.EPOCH)
                    .withClusterTime(new ClusterTime(1, 0)))
        .hasMessageContaining("snapshot events carry no cluster time");
  }

  @Test
  void acceptsMessagesWithoutClusterTimeAsWrittenBeforeTheField() {
    String old =
        """
        {"schemaVersion":1,"eventId":"evt-7","operation":"DELETE","documentType":"POST",
         "documentId":"doc-9","authorId":"jane","contentHash":null,
         "occurredAt":"2026-11-01T00:00:01Z","document":null}
        """;
    DocumentChanged event = JSON.readValue(old, DocumentChanged.class);
    assertThat(event.clusterTime()).isNull();
    assertThat(event)
        .isEqualTo(
            DocumentChanged.deleted(
                "evt-7",
                DocumentType.POST,
                "doc-9",
                "jane",
                Instant.parse("2026-11-01T00:00:01Z")));
  }

  @Test
  void clusterTimesOrderBySecondsThenIncrementAndRoundTripTheirBsonValue() {
    ClusterTime first = new ClusterTime(1_790_000_000L, 4_000_000_000L);
    ClusterTime second = new ClusterTime(1_790_000_001L, 1);
    assertThat(second.isAfter(first)).isTrue();
    assertThat(first.isAfter(second)).isFalse();
    assertThat(new ClusterTime(1_790_000_000L, 5).isAfter(new ClusterTime(1_790_000_000L, 4)))
        .isTrue();
    assertThat(Long.compare(second.value(), first.value())).isPositive();
    assertThat(ClusterTime.ofValue(first.value())).isEqualTo(first);
    assertThatThrownBy(() -> new ClusterTime(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClusterTime(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteCarriesIdAndTypeButNoDocument() {
    var event = DocumentChanged.deleted("evt-2", DocumentType.POST, "doc-9", "jane", Instant.EPOCH);
    assertThat(event.document()).isNull();
    assertThat(event.routingKey()).isEqualTo("post.delete");
    assertThat(JSON.readValue(JSON.writeValueAsString(event), DocumentChanged.class))
        .isEqualTo(event);
  }

  @Test
  void deleteMayLackTheAuthorButOtherOperationsMayNot() {
    var event = DocumentChanged.deleted("evt-3", DocumentType.POST, "doc-9", null, Instant.EPOCH);
    assertThat(event.authorId()).isNull();
    assertThat(JSON.readValue(JSON.writeValueAsString(event), DocumentChanged.class))
        .isEqualTo(event);
    assertThatThrownBy(
            () -> DocumentChanged.deleted("evt-4", DocumentType.POST, "doc-9", " ", Instant.EPOCH))
        .hasMessageContaining("authorId is required");
    RawDocument doc = article();
    assertThatThrownBy(
            () ->
                new DocumentChanged(
                    1,
                    "e",
                    ChangeOperation.SNAPSHOT,
                    DocumentType.ARTICLE,
                    doc.id(),
                    null,
                    null,
                    Instant.EPOCH,
                    doc))
        .hasMessageContaining("authorId is required");
  }

  @Test
  void routingKeyIsTypeDotOperation() {
    var event = DocumentChanged.of("e", ChangeOperation.SNAPSHOT, article(), Instant.EPOCH);
    assertThat(event.routingKey()).isEqualTo("article.snapshot");
  }

  @Test
  void rejectsInconsistentMessages() {
    RawDocument doc = article();
    assertThatThrownBy(
            () ->
                new DocumentChanged(
                    1,
                    "e",
                    ChangeOperation.UPDATE,
                    DocumentType.ARTICLE,
                    doc.id(),
                    "jane",
                    null,
                    Instant.EPOCH,
                    null))
        .hasMessageContaining("carry the document");
    assertThatThrownBy(
            () ->
                new DocumentChanged(
                    1,
                    "e",
                    ChangeOperation.UPDATE,
                    DocumentType.POST,
                    doc.id(),
                    "jane",
                    null,
                    Instant.EPOCH,
                    doc))
        .hasMessageContaining("does not match");
    assertThatThrownBy(
            () ->
                new DocumentChanged(
                    2,
                    "e",
                    ChangeOperation.DELETE,
                    DocumentType.POST,
                    "x",
                    "jane",
                    null,
                    Instant.EPOCH,
                    null))
        .hasMessageContaining("unsupported schema version");
  }

  @Test
  void rejectsMalformedJson() {
    assertThatThrownBy(
            () ->
                JSON.readValue(
                    "{\"schemaVersion\":1,\"operation\":\"INSERT\"}", DocumentChanged.class))
        .hasStackTraceContaining("eventId is required");
  }
}
