package io.llmtwin.crawler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class StoredDocumentMapperTest {

  @Test
  void readsAStoredArticleWithItsDates() throws Exception {
    Document stored = TestDocuments.article("hello", "jane", "body");
    RawDocument document = StoredDocumentMapper.toRawDocument(stored, DocumentType.ARTICLE);
    assertThat(document.id()).isEqualTo(stored.getString("_id"));
    assertThat(document.platform()).isEqualTo(Platform.MEDIUM);
    assertThat(document.publishedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(document.contentHash()).isEqualTo(DocumentIds.contentHash("body"));
  }

  @Test
  void toleratesMissingOptionalFieldsAndIsoStringDates() throws Exception {
    Document stored =
        new Document("_id", new ObjectId("65a1b2c3d4e5f60718293a4b"))
            .append("authorId", "jane")
            .append("platform", "github")
            .append("content", "print(1)\n")
            .append("fetchedAt", "2026-11-01T00:00:00Z")
            .append("path", "src/app.py");
    RawDocument document = StoredDocumentMapper.toRawDocument(stored, DocumentType.REPOSITORY);
    assertThat(document.id()).isEqualTo("65a1b2c3d4e5f60718293a4b");
    assertThat(document.type()).isEqualTo(DocumentType.REPOSITORY);
    assertThat(document.fetchedAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(document.contentHash()).isEqualTo(DocumentIds.contentHash("print(1)\n"));
    assertThat(document.path()).isEqualTo("src/app.py");
  }

  @Test
  void rejectsMalformedDocumentsWithAReasonInsteadOfCrashing() {
    Document good = TestDocuments.article("x", "jane", "body");
    assertThatThrownBy(
            () ->
                StoredDocumentMapper.toRawDocument(
                    new Document(good).append("platform", "FAX"), DocumentType.ARTICLE))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("unknown platform");
    assertThatThrownBy(
            () ->
                StoredDocumentMapper.toRawDocument(
                    new Document(good).append("publishedAt", 42), DocumentType.ARTICLE))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("publishedAt is not a date");
    assertThatThrownBy(
            () ->
                StoredDocumentMapper.toRawDocument(
                    new Document(good).append("authorId", null), DocumentType.ARTICLE))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("authorId");
    assertThatThrownBy(
            () -> StoredDocumentMapper.toRawDocument(new Document(good), DocumentType.POST))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("lives in POST");
    assertThatThrownBy(
            () ->
                StoredDocumentMapper.toRawDocument(
                    new Document("content", "x").append("fetchedAt", new Date()),
                    DocumentType.ARTICLE))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("_id");
    assertThatThrownBy(() -> StoredDocumentMapper.toRawDocument(null, DocumentType.ARTICLE))
        .isInstanceOf(MalformedDocumentException.class);
  }
}
