package io.llmtwin.llm.checkpoint;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The checkpoint's {@code tokenizer.json}, loaded through DJL's Hugging Face tokenizers binding
 * (native library inside the jar, works offline). Special tokens are never added implicitly: the
 * caller decides where BOS/EOS go.
 */
public final class LlmTokenizer implements AutoCloseable {

  /** File name inside a checkpoint directory. */
  public static final String FILE = HfCheckpoint.TOKENIZER_FILE;

  private final HuggingFaceTokenizer tokenizer;
  private final Path file;

  private LlmTokenizer(HuggingFaceTokenizer tokenizer, Path file) {
    this.tokenizer = tokenizer;
    this.file = file;
  }

  /** Loads the tokenizer of a checkpoint; the caller closes it. */
  public static LlmTokenizer load(HfCheckpoint checkpoint) {
    return load(checkpoint.tokenizerFile());
  }

  /** Loads {@code tokenizer.json} from a checkpoint directory (or the file itself). */
  public static LlmTokenizer load(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException("no tokenizer at " + file.toAbsolutePath());
    }
    try {
      return new LlmTokenizer(
          HuggingFaceTokenizer.newInstance(
              file, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")),
          file);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointException("cannot load tokenizer " + file, e);
    }
  }

  /** Token ids of {@code text}, without special tokens. */
  public long[] encode(String text) {
    return tokenizer.encode(text, false, false).getIds();
  }

  /** Text of {@code ids}, skipping special tokens. */
  public String decode(long[] ids) {
    return tokenizer.decode(ids, true);
  }

  /** The {@code tokenizer.json} this was loaded from. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
