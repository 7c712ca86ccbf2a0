package io.llmtwin.cli.demo;

import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.model.prompt.PromptTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
  private static final Pattern FILLER = Pattern.compile("tok\\d+");

  /** The prompt template and the instruction phrasing the twin is trained and served with. */
  private static final String TEMPLATE_TEXT =
      PromptTemplate.prompt(new InstructionSample("Write a LinkedIn post about it.", "[1] x", null))
          + "\nWrite a section of a Medium Substack LinkedIn GitHub web blog article titled about."
          + " Write the code file that deals with.";

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
   * Writes (once) a tiny random-weight Llama (2 layers, dim 64) whose tokenizer holds every word of
   * the corpus and of the prompt template as one token ({@link TinyLlamaCheckpoints}: SentencePiece
   * style with byte fallback, read by llm-core and, converted to GGUF, by llama.cpp): small enough
   * to fine-tune on a laptop CPU in seconds; honest about being a toy.
   */
  public static Path tinyBaseModel(DemoCorpus corpus, Path dir) {
    if (Files.isRegularFile(dir.resolve(LlamaConfig.FILE))
        && Files.isRegularFile(dir.resolve(Safetensors.MODEL_FILE))) {
      return dir;
    }
    List<String> words = words(corpus.text() + "\n" + TEMPLATE_TEXT);
    int needed =
        (int)
            TinyLlamaCheckpoints.vocabulary(1 << 16, words).tokens().stream()
                .filter(t -> !FILLER.matcher(t).matches())
                .count();
    LlamaConfig config = LlamaConfig.llama((needed + 63) / 64 * 64, 64, 128, 2, 4, 2);
    TinyLlamaCheckpoints.write(
        dir, config, 42L, new TinyLlamaCheckpoints.Options(0.1, words, TensorDType.F32, 0));
    return dir;
  }

  /** Words as Hugging Face's pre-tokenizer splits them (on whitespace and punctuation). */
  static List<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(m.group().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(words);
  }
}
