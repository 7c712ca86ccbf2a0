package io.llmtwin.crawler.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.model.document.DocumentType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceSnapshotTest {
  @Test
  void withSourceRenamesTheSourceAndKeepsEverythingElse() {
    SourceSnapshot.ItemFailure failure =
        new SourceSnapshot.ItemFailure("https://x.example/p/2", "http-error", "HTTP 500");
    SourceSnapshot original =
        new SourceSnapshot(
            "https://x.example/feed",
            Set.of(DocumentType.ARTICLE),
            List.of(),
            Set.of("kept-1"),
            List.of(failure),
            true);

    SourceSnapshot renamed = original.withSource("https://x.example/");

    assertThat(renamed.source()).isEqualTo("https://x.example/");
    assertThat(renamed).usingRecursiveComparison().ignoringFields("source").isEqualTo(original);
    assertThat(original.withSource("a").withSource(original.source())).isEqualTo(original);
  }
}
