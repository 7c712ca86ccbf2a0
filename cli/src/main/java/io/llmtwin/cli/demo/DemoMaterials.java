package io.llmtwin.cli.demo;

import io.llmtwin.llm.checkpoint.GenerationConfig;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.Safetensors;
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
import tools.jackson.databind.json.JsonMapper;

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
   * Writes (once) a tiny random-weight Llama (2 layers, dim 64) with a {@link DemoTokenizer} that
   * spells every word of the corpus as one token: small enough to fine-tune on a laptop CPU in
   * seconds, loadable by llm-core and (converted to GGUF) by llama.cpp; honest about being a toy.
   */
  public static Path tinyBaseModel(DemoCorpus corpus, Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve("config.json"))
        && Files.isRegularFile(dir.resolve(Safetensors.MODEL_FILE))) {
      return dir;
    }
    DemoTokenizer tokenizer = DemoTokenizer.forText(corpus.text());
    int vocab = (tokenizer.vocabulary().size() + 63) / 64 * 64;
    LlamaConfig config = LlamaConfig.llama(vocab, 64, 128, 2, 4, 2);
    JsonMapper json = JsonMapper.builder().build();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(LlamaConfig.FILE), config.toJson());
    Files.writeString(
        dir.resolve(GenerationConfig.FILE),
        new GenerationConfig(true, 0.8, 0.95, 128, config.bosTokenId(), config.eosTokenIds())
            .toJson());
    Files.writeString(dir.resolve("tokenizer.json"), tokenizer.tokenizerJson(json));
    Files.writeString(dir.resolve("tokenizer_config.json"), tokenizer.tokenizerConfigJson(json));
    Safetensors.write(
        dir.resolve(Safetensors.MODEL_FILE),
        TinyLlamaCheckpoints.randomWeights(config, 42L, 0.1),
        TensorDType.F32,
        Map.of("format", "pt"));
    return dir;
  }
}
