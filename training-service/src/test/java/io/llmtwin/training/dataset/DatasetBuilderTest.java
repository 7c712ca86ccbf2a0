package io.llmtwin.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.registry.artifact.FileSystemArtifactStore;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.training.basemodel.BaseModelProperties;
import io.llmtwin.training.basemodel.BaseModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {
  @TempDir Path dir;

  static final class InMemorySource implements CleanedDocumentSource {
    final List<SourceDocument> docs = new ArrayList<>();

    @Override
    public List<SourceDocument> documents(String authorId, DocumentType type) {
      return docs.stream().filter(d -> d.authorId().equals(authorId) && d.type() == type).toList();
    }

    void post(String id, String text) {
      docs.add(new SourceDocument(id, DocumentType.POST, "a", Platform.LINKEDIN, null, text));
    }

    void article(String id, String title, String text) {
      docs.add(new SourceDocument(id, DocumentType.ARTICLE, "a", Platform.MEDIUM, title, text));
    }
  }

  InMemorySource corpus(int posts, int articles) {
    InMemorySource source = new InMemorySource();
    for (int i = 0; i < posts; i++) {
      source.post(
          "p" + i, "Post number " + i + " about distributed tracing, latency budgets and on-call.");
    }
    for (int i = 0; i < articles; i++) {
      source.article(
          "a" + i,
          "Article " + i,
          "Intro paragraph "
              + i
              + " explaining vector search recall and indexes.\n\n"
              + "## Details\n\nSecond section "
              + i
              + " with benchmarks of quantization methods.");
    }
    return source;
  }

  DatasetBuilder builder(CleanedDocumentSource source, Optional<TextCompletion> completion) {
    return builder(source, completion, BaseModelProperties.anywhere());
  }

  DatasetBuilder builder(
      CleanedDocumentSource source,
      Optional<TextCompletion> completion,
      BaseModelProperties baseModels) {
    return new DatasetBuilder(
        source,
        new OfflineInstructionSynthesizer(),
        new LexicalContextRetriever(source),
        completion,
        new FileSystemArtifactStore(dir),
        new BaseModels(baseModels));
  }

  @Test
  void sameInputAndSeedGiveTheSameVersion() {
    InMemorySource source = corpus(10, 5);
    DatasetConfig config = new DatasetConfig(null, 0.2, 0.3, 11L, null, null, null, null);
    DatasetVersion first = builder(source, Optional.empty()).build("a", config);
    DatasetVersion second = builder(source, Optional.empty()).build("a", config);
    assertThat(second.version()).isEqualTo(first.version()).matches("ds-[0-9a-f]{16}");
    DatasetVersion otherSeed =
        builder(source, Optional.empty())
            .build("a", new DatasetConfig(null, 0.2, 0.3, 12L, null, null, null, null));
    assertThat(otherSeed.version()).isNotEqualTo(first.version());
  }

  @Test
  void splitsEachTypeByTheTestShare() {
    DatasetVersion v =
        builder(corpus(20, 10), Optional.empty())
            .build("a", new DatasetConfig(null, 0.25, 0.0, 1L, null, null, null, null));
    // 20 posts, 10 articles cut into 2 sections each = 20 article extracts
    assertThat(v.statistics().testSamples()).containsEntry("post", 5).containsEntry("article", 5);
    assertThat(v.statistics().trainSamples())
        .containsEntry("post", 15)
        .containsEntry("article", 15);
    Dataset loaded = builder(corpus(0, 0), Optional.empty()).load(v.version());
    assertThat(loaded.train()).hasSize(30);
    assertThat(loaded.test()).hasSize(10);
  }

  @Test
  void removesDuplicatesAndTooShortExtracts() {
    InMemorySource source = corpus(3, 0);
    source.post("dup", "POST number 0 about distributed tracing,   latency budgets and on-call.");
    source.post("short", "Too short.");
    DatasetVersion v = builder(source, Optional.empty()).build("a", DatasetConfig.defaults());
    assertThat(v.statistics().duplicatesRemoved()).isEqualTo(1);
    assertThat(v.statistics().filteredByLength()).isEqualTo(1);
    assertThat(v.statistics().extracts()).isEqualTo(3);
  }

  @Test
  void givesTheConfiguredShareOfSamplesRetrievedContext() {
    DatasetVersion v =
        builder(corpus(20, 0), Optional.empty())
            .build("a", new DatasetConfig(null, 0.0, 0.5, 3L, null, null, null, null));
    assertThat(v.statistics().ragSamples()).isEqualTo(10);
    Dataset loaded = builder(corpus(0, 0), Optional.empty()).load(v.version());
    assertThat(loaded.train().stream().filter(s -> s.hasContext()).count()).isEqualTo(10);
    assertThat(loaded.train())
        .filteredOn(s -> s.hasContext())
        .allSatisfy(s -> assertThat(s.context()).startsWith("[1] "));
  }

  @Test
  void scrubsPiiAndWritesAlpacaAndChatFields() throws IOException {
    InMemorySource source = new InMemorySource();
    source.post(
        "p", "Write to me at jane@example.org or call +44 20 7946 0958 about the launch plan.");
    DatasetVersion v =
        builder(source, Optional.empty())
            .build("a", new DatasetConfig(null, 0.0, 0.0, 1L, null, null, null, null));
    String jsonl;
    try (var in = new FileSystemArtifactStore(dir).get(v.artifacts().get("train.jsonl"))) {
      jsonl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(jsonl)
        .contains("[email]", "[phone]", "\"instruction\"", "\"output\"", "\"messages\"")
        .doesNotContain("jane@example.org");
    assertThat(jsonl).contains("Write a LinkedIn post about");
  }

  @Test
  void buildsPreferencePairsOnlyWhenACompletionIsConfigured() {
    InMemorySource source = corpus(4, 0);
    DatasetConfig dpo = new DatasetConfig(null, 0.0, 0.0, 1L, null, null, true, "/models/base");
    assertThat(builder(source, Optional.empty()).build("a", dpo).statistics().preferencePairs())
        .isZero();
    DatasetVersion v =
        builder(source, Optional.of(model -> new FixedCompletion("generic base model text")))
            .build("a", dpo);
    assertThat(v.statistics().preferencePairs()).isEqualTo(4);
    assertThat(v.artifacts()).containsKey("preferences.jsonl");
  }

  @Test
  void refusesAPreferenceBaseModelOutsideTheDirectoryBeforeReadingAnyDocument() {
    AtomicInteger reads = new AtomicInteger();
    InMemorySource corpus = corpus(4, 0);
    CleanedDocumentSource counting =
        (author, type) -> {
          reads.incrementAndGet();
          return corpus.documents(author, type);
        };
    DatasetConfig outside =
        new DatasetConfig(null, 0.0, 0.0, 1L, null, null, true, "/home/someone/base");
    assertThatThrownBy(
            () ->
                builder(
                        counting,
                        Optional.of(model -> new FixedCompletion("base")),
                        new BaseModelProperties(Path.of("/nonexistent-llmtwin-models")))
                    .build("a", outside))
        .isInstanceOfSatisfying(
            ApiProblemException.class,
            e -> {
              assertThat(e.type()).isEqualTo("base-model-refused");
              assertThat(e.properties()).containsEntry("reason", "outside-directory");
            });
    assertThat(reads).hasValue(0);
  }

  @Test
  void storesThePreferenceBaseModelNormalisedSoSpellingsShareAVersion() {
    List<String> opened = new ArrayList<>();
    DatasetBuilder builder =
        builder(
            corpus(4, 0),
            Optional.of(
                model -> {
                  opened.add(model);
                  return new FixedCompletion("generic base model text");
                }),
            new BaseModelProperties(Path.of("/nonexistent-llmtwin-models")));
    DatasetVersion slash =
        builder.build(
            "a",
            new DatasetConfig(
                null, 0.0, 0.0, 1L, null, null, true, "/nonexistent-llmtwin-models/base/"));
    DatasetVersion dots =
        builder.build(
            "a",
            new DatasetConfig(
                null, 0.0, 0.0, 1L, null, null, true, "/nonexistent-llmtwin-models/./base"));
    assertThat(dots.version()).isEqualTo(slash.version());
    assertThat(slash.config().baseModel()).isEqualTo("/nonexistent-llmtwin-models/base");
    assertThat(opened).containsOnly("/nonexistent-llmtwin-models/base");
  }

  @Test
  void rejectsAnAuthorWithoutDocumentsAndAnEmptyCorpus() {
    assertThatThrownBy(() -> builder(corpus(2, 0), Optional.empty()).build("nobody", null))
        .isInstanceOf(ApiProblemException.class)
        .extracting(e -> ((ApiProblemException) e).type())
        .isEqualTo("unknown-author");
    InMemorySource tiny = new InMemorySource();
    tiny.post("t", "Hi!");
    assertThatThrownBy(() -> builder(tiny, Optional.empty()).build("a", null))
        .extracting(e -> ((ApiProblemException) e).type())
        .isEqualTo("empty-corpus");
  }

  /** A base model that always answers the same text. */
  record FixedCompletion(String text) implements TextCompletion.Session {
    @Override
    public String complete(String prompt) {
      return text;
    }

    @Override
    public void close() {}
  }
}
