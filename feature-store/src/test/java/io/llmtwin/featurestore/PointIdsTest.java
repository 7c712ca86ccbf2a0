package io.llmtwin.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.model.document.DocumentIds;
import org.junit.jupiter.api.Test;

class PointIdsTest {
  @Test
  void chunkIdsAreDeterministicAndDistinctPerIndex() {
    assertThat(PointIds.chunk("doc-1", 0)).isEqualTo(PointIds.chunk("doc-1", 0));
    assertThat(PointIds.chunk("doc-1", 0)).isNotEqualTo(PointIds.chunk("doc-1", 1));
    assertThat(PointIds.chunk("doc-1", 3)).isEqualTo(DocumentIds.nameUuid("doc-1#3"));
  }

  @Test
  void cleanedIdIsTheDocumentUuidOrANameUuid() {
    String uuid = DocumentIds.forUrl("https://medium.com/@jane/x");
    assertThat(PointIds.cleaned(uuid).toString()).isEqualTo(uuid);
    assertThat(PointIds.cleaned("not-a-uuid")).isEqualTo(DocumentIds.nameUuid("not-a-uuid"));
  }

  @Test
  void rejectsNegativeChunkIndex() {
    assertThatThrownBy(() -> PointIds.chunk("d", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
