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
  void deleteCarriesIdAndTypeButNoDocument() {
    var event = DocumentChanged.deleted("evt-2", DocumentType.POST, "doc-9", "jane", Instant.EPOCH);
    assertThat(event.document()).isNull();
    assertThat(event.routingKey()).isEqualTo("post.delete");
    assertThat(JSON.readValue(JSON.writeValueAsString(event), DocumentChanged.class))
        .isEqualTo(event);
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
