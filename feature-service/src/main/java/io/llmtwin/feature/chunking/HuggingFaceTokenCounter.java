package io.llmtwin.feature.chunking;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@link TokenCounter} with the embedding model's own {@code tokenizer.json}, run by DJL's
 * HuggingFace tokenizers (already on the classpath for LangChain4j's in-process embeddings).
 */
public final class HuggingFaceTokenCounter implements TokenCounter, AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;

  private HuggingFaceTokenCounter(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Loads the tokenizer from a classpath resource, e.g. the model jar's tokenizer file. */
  public static HuggingFaceTokenCounter fromClasspath(String resource) {
    try (InputStream in =
        HuggingFaceTokenCounter.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("tokenizer " + resource + " is not on the classpath");
      }
      return new HuggingFaceTokenCounter(
          HuggingFaceTokenizer.newInstance(
              in,
              Map.of(
                  "addSpecialTokens", "false",
                  "truncation", "false",
                  "padding", "false")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer " + resource, e);
    }
  }

  @Override
  public int[] count(List<String> pieces) {
    int[] counts = new int[pieces.size()];
    if (pieces.isEmpty()) {
      return counts;
    }
    Encoding[] encodings = tokenizer.batchEncode(pieces, false, false);
    for (int i = 0; i < encodings.length; i++) {
      counts[i] = encodings[i].getIds().length;
    }
    return counts;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
