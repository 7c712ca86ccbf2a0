package io.llmtwin.model.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentIdsTest {

  @Test
  void sameLinkInDifferentSpellingsGetsSameId() {
    assertThat(DocumentIds.forUrl("HTTPS://Medium.com/@jane/post-1/#comments"))
        .isEqualTo(DocumentIds.forUrl("https://medium.com/@jane/post-1"));
  }

  @Test
  void differentLinksAndFilesGetDifferentIds() {
    assertThat(DocumentIds.forUrl("https://a.example/x"))
        .isNotEqualTo(DocumentIds.forUrl("https://a.example/y"));
    assertThat(DocumentIds.forRepositoryFile("https://github.com/j/r", "src/A.java"))
        .isNotEqualTo(DocumentIds.forRepositoryFile("https://github.com/j/r", "src/B.java"));
  }

  @Test
  void idsAreVersionFiveShapedUuids() {
    String id = DocumentIds.forUrl("https://a.example/x");
    assertThat(java.util.UUID.fromString(id).version()).isEqualTo(5);
  }

  @Test
  void contentHashIsSha256Hex() {
    assertThat(DocumentIds.contentHash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void documentTypesMapToCollections() {
    assertThat(DocumentType.fromCollection("posts")).isEqualTo(DocumentType.POST);
    assertThat(DocumentType.parse("repository")).isEqualTo(DocumentType.REPOSITORY);
    assertThat(DocumentType.ARTICLE.key()).isEqualTo("article");
  }
}
