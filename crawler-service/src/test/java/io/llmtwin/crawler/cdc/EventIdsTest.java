package io.llmtwin.crawler.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.model.document.DocumentType;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void sameResumeTokenAlwaysGivesTheSameEventId() {
    BsonDocument token = new BsonDocument("_data", new BsonString("8263A1B2C3000000012B"));
    BsonDocument again = new BsonDocument("_data", new BsonString("8263A1B2C3000000012B"));
    BsonDocument other = new BsonDocument("_data", new BsonString("8263A1B2C3000000022B"));
    assertThat(EventIds.forResumeToken(token)).isEqualTo(EventIds.forResumeToken(again));
    assertThat(EventIds.forResumeToken(token)).isNotEqualTo(EventIds.forResumeToken(other));
  }

  @Test
  void snapshotIdsDifferPerRunAndDocument() {
    String a = EventIds.forSnapshot("run-1", DocumentType.POST, "doc-1");
    assertThat(a).isEqualTo(EventIds.forSnapshot("run-1", DocumentType.POST, "doc-1"));
    assertThat(a).isNotEqualTo(EventIds.forSnapshot("run-2", DocumentType.POST, "doc-1"));
    assertThat(a).isNotEqualTo(EventIds.forSnapshot("run-1", DocumentType.POST, "doc-2"));
  }
}
