package io.llmtwin.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class DemoMaterialsTest {
  private final DemoCorpus corpus = DemoCorpus.load();

  @Test
  void corpusHasArticlesPostsAndCodeInTheAuthorsVoice() {
    assertThat(corpus.authorName()).isEqualTo("Mara Quill");
    assertThat(corpus.articles()).hasSize(4);
    assertThat(corpus.posts()).hasSize(6);
    assertThat(corpus.repositoryFiles()).containsKey("README.md").hasSize(3);
    assertThat(corpus.documentCount()).isEqualTo(13);
    assertThat(corpus.articles())
        .allSatisfy(
            a -> assertThat(String.join(" ", a.paragraphs())).contains("Keep the tide low."));
    assertThat(corpus.text())
        .contains("dinghy")
        .contains("Keep the tide low.")
        .contains("DeployWindow");
  }

  @Test
  void fixtureSiteServesAFeedWhoseEntriesLeadToArticlePages() throws Exception {
    try (FixtureSite site = FixtureSite.start(corpus, 0)) {
      HttpClient http = HttpClient.newHttpClient();
      String feed = get(http, site.feed());
      assertThat(feed).startsWith("<?xml").contains("<rss").contains("Small Boats Cross Oceans");
      String page = get(http, site.base().resolve("/blog/small-boats"));
      assertThat(page).contains("<article><h1>Small Boats Cross Oceans</h1>").contains("dinghy");
      assertThat(get(http, site.base().resolve("/robots.txt"))).contains("Allow: /");
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(site.base().resolve("/nope")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void linkedInExportHoldsEveryPostInSharesCsv() throws Exception {
    byte[] zip = DemoMaterials.linkedInExport(corpus);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry = in.getNextEntry();
      assertThat(entry.getName()).isEqualTo("Shares.csv");
      String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(csv).startsWith("Date,ShareLink,ShareCommentary");
      assertThat(csv)
          .contains("\"Shipped eleven small changes this week.")
          .contains("2026-03-05 08:10:00");
      assertThat(csv).contains("\"\"too small to be worth reviewing\"\"");
    }
  }

  @Test
  void repositoryIsACommittedGitRepositoryWithTheCodeFiles(@TempDir Path tmp) throws Exception {
    Path repo = DemoMaterials.repository(corpus, tmp.resolve("tidewatch"));
    assertThat(repo.resolve("src/main/java/dev/quill/tidewatch/DeployWindow.java")).isRegularFile();
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.log().call().iterator().next().getAuthorIdent().getName())
          .isEqualTo("Mara Quill");
      assertThat(git.status().call().isClean()).isTrue();
    }
    // a second call keeps the existing repository
    assertThat(DemoMaterials.repository(corpus, repo)).isEqualTo(repo);
  }

  @Test
  void tinyBaseModelHasASentencePieceTokenizerThatSpellsEveryCorpusWord(@TempDir Path tmp)
      throws Exception {
    Path dir = DemoMaterials.tinyBaseModel(corpus, tmp.resolve("base"));
    assertThat(dir.resolve("model.safetensors")).isRegularFile();
    assertThat(dir.resolve("tokenizer_config.json")).isRegularFile();
    JsonMapper json = JsonMapper.builder().build();
    var tokenizer = json.readTree(Files.readString(dir.resolve("tokenizer.json")));
    var model = tokenizer.path("model");
    assertThat(model.path("type").asString()).isEqualTo("BPE");
    assertThat(model.path("byte_fallback").asBoolean()).isTrue();
    var vocab = model.path("vocab");
    assertThat(vocab.has("<0x0A>")).isTrue();
    assertThat(vocab.has("<0xFF>")).isTrue();
    for (String word : List.of("dinghy", "keep", "tide", "deploywindow", "instruction")) {
      assertThat(vocab.has("\u2581" + word)).as(word).isTrue();
    }
    // every merge joins two pieces of the vocabulary into a third one
    for (var merge : model.path("merges")) {
      String[] parts = merge.asString().split(" ");
      assertThat(vocab.has(parts[0]) && vocab.has(parts[1]) && vocab.has(parts[0] + parts[1]))
          .as(merge.asString())
          .isTrue();
    }
    var config = json.readTree(Files.readString(dir.resolve("config.json")));
    assertThat(config.path("vocab_size").asInt() % 64).isZero();
    assertThat(config.path("vocab_size").asInt()).isGreaterThanOrEqualTo(vocab.size());
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
