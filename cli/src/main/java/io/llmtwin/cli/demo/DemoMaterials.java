package io.llmtwin.cli.demo;

import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * What the demo writes from the corpus: the code repository (a local git repository, read by the
 * crawler's GitHub crawler through {@code file:}), the LinkedIn export ZIP and the tiny
 * from-scratch base model.
 */
public final class DemoMaterials {
  private DemoMaterials() {}

  /** Creates (once) a git repository with the corpus's code files and returns its directory. */
  public static Path repository(DemoCorpus corpus, Path dir) throws IOException {
    if (Files.isDirectory(dir.resolve(".git"))) {
      return dir;
    }
    Files.createDirectories(dir);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      for (Map.Entry<String, String> f : corpus.repositoryFiles().entrySet()) {
        Path file = dir.resolve(f.getKey());
        Files.createDirectories(file.getParent() == null ? dir : file.getParent());
        Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent(corpus.authorName(), "mara@quill.example");
      git.commit()
          .setMessage("tidewatch: slack water or wait")
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .call();
    } catch (GitAPIException e) {
      throw new IOException(
          "cannot create the demo repository in " + dir + ": " + e.getMessage(), e);
    }
    return dir;
  }

  /** A LinkedIn data-export ZIP with the corpus's posts in {@code Shares.csv}. */
  public static byte[] linkedInExport(DemoCorpus corpus) throws IOException {
    StringBuilder csv =
        new StringBuilder("Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n");
    int n = 0;
    for (DemoCorpus.Post p : corpus.posts()) {
      n++;
      csv.append(p.date())
          .append(":00,https://www.linkedin.com/feed/update/urn:li:share:demo-")
          .append(n)
          .append(",\"")
          .append(p.text().replace("\"", "\"\""))
          .append("\",,,MEMBER_NETWORK\n");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("Shares.csv"));
      zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /**
   * Writes (once) a tiny random-weight Llama checkpoint whose word-level vocabulary holds every
   * word of the corpus: small enough to fine-tune on a laptop CPU in seconds, honest about being a
   * toy.
   */
  public static Path tinyBaseModel(DemoCorpus corpus, Path dir) {
    if (Files.isRegularFile(dir.resolve("config.json"))
        && Files.isRegularFile(dir.resolve("model.safetensors"))) {
      return dir;
    }
    int words = 4 + TinyLlamaCheckpoints.WORDS.size() + corpus.vocabulary().size();
    int vocab = (words + 63) / 64 * 64;
    LlamaConfig config = LlamaConfig.llama(vocab, 64, 128, 2, 4, 2);
    TinyLlamaCheckpoints.write(
        dir,
        config,
        42L,
        new TinyLlamaCheckpoints.Options(0.1, corpus.vocabulary(), TensorDType.F32, 0));
    return dir;
  }
}
