package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.model.document.DocumentType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchOptionsTest {

  @Test
  void defaultsSearchEverythingWithAllStepsOn() {
    SearchOptions options = SearchOptions.defaults();
    assertThat(options.authorId()).isNull();
    assertThat(options.effectiveTypes()).isEqualTo(EnumSet.allOf(DocumentType.class));
    assertThat(options.topK()).isEqualTo(5);
    assertThat(options.expand()).isTrue();
    assertThat(options.rerank()).isTrue();
    assertThat(options.mode()).isEqualTo(SearchMode.HYBRID);
  }

  @Test
  void blankAuthorMeansNoneAndTypesAreKept() {
    SearchOptions options =
        SearchOptions.defaults().withAuthor("  ").withTypes(Set.of(DocumentType.POST));
    assertThat(options.authorId()).isNull();
    assertThat(options.effectiveTypes()).containsExactly(DocumentType.POST);
  }

  @Test
  void rejectsTopKOutOfRange() {
    assertThatThrownBy(() -> SearchOptions.defaults().withTopK(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SearchOptions.defaults().withTopK(101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
