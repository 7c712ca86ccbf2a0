package io.llmtwin.llm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.llm.checkpoint.LlmTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated tokenizer as DJL's Hugging Face tokenizer (the native library) reads it. */
class TinyLlamaTokenizerTest {

  @TempDir Path dir;

  @Test
  void encodesEachKnownWordAsOneTokenAndDecodesWithSpaces() {
    TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 1);
    List<String> vocab =
        TinyLlamaCheckpoints.vocabulary(TinyLlamaCheckpoints.tinyConfig().vocabSize(), List.of())
            .tokens();
    try (LlmTokenizer tok = LlmTokenizer.load(dir)) {
      long[] ids = tok.encode("### Instruction: write blog");
      assertThat(ids).hasSize(5);
      assertThat(vocab.get((int) ids[1])).isEqualTo("\u2581instruction");
      assertThat(vocab.get((int) ids[2])).isEqualTo("\u2581:");
      assertThat(tok.decode(new long[] {ids[0], ids[1], ids[2]})).isEqualTo("### instruction :");
    }
  }

  @Test
  void spellsUnknownWordsAndCharactersWithoutUnknownToken() {
    TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 1);
    try (LlmTokenizer tok = LlmTokenizer.load(dir)) {
      long[] ids = tok.encode("zzzz café 😀");
      assertThat(ids).doesNotContain((long) TinyLlamaCheckpoints.UNK);
      assertThat(tok.decode(ids)).isEqualTo("zzzz café 😀");
      long[] multiline = tok.encode("tell me\nabout java");
      assertThat(tok.decode(multiline)).isEqualTo("tell me about java");
    }
  }
}
