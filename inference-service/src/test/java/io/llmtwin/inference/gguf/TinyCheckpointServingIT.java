package io.llmtwin.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.LlamaCppOptions;
import io.llmtwin.inference.engine.LlamaCppTextGenerator;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checkpoints llm-checkpoint's {@link TinyLlamaCheckpoints} generates for every module's tests,
 * converted to GGUF and served by llama.cpp: text outside the vocabulary (newlines, upper case,
 * accents, emoji) is spelled with the byte-fallback tokens instead of aborting the process, and
 * comes back unchanged.
 */
class TinyCheckpointServingIT {

  private static final String PROMPT =
      "### Instruction:\nTell me about Java.\n\n### Response:\nCafé ünïcödé — 😀 {\"x\": 1}\n";

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(
      value = GgufFileType.class,
      names = {"F32", "Q8_0"})
  void servesTextWithNewlinesAndNonAsciiCharacters(GgufFileType type) throws Exception {
    Path hf = tmp.resolve("hf");
    TinyLlamaCheckpoints.write(hf, TinyLlamaCheckpoints.tinyConfig(), 42);
    Path gguf = tmp.resolve("tiny-" + type.name().toLowerCase(Locale.ROOT) + ".gguf");
    try (HfCheckpointSource source = HfCheckpointSource.open(hf)) {
      new GgufConverter().convert(source, gguf, type, "tiny-checkpoint");
    }
    List<String> vocab =
        TinyLlamaCheckpoints.vocabulary(TinyLlamaCheckpoints.tinyConfig().vocabSize(), List.of())
            .tokens();

    try (LlamaModel llama =
        new LlamaModel(
            new ModelParameters().setModel(gguf.toString()).setThreads(2).skipWarmup())) {
      int[] ids = llama.encode(PROMPT);
      assertThat(ids).contains(vocab.indexOf("<0x0A>"), vocab.indexOf("\u2581me"));
      assertThat(Arrays.stream(ids).mapToObj(vocab::get))
          .as("the emoji is spelled as its four UTF-8 bytes")
          .containsSubsequence("<0xF0>", "<0x9F>", "<0x98>", "<0x80>");
      assertThat(llama.decode(ids)).isIn(PROMPT, " " + PROMPT);
    }

    try (LlamaCppTextGenerator generator =
        new LlamaCppTextGenerator(
            LlamaCppOptions.forModel(gguf).withSlots(1, 1).withContextPerSlot(256))) {
      List<String> pieces = new CopyOnWriteArrayList<>();
      GenerationResult result =
          generator.generate(GenerationRequest.greedy(PROMPT, 32), pieces::add).await();

      assertThat(result.tokens()).isPositive();
      assertThat(result.finishReason()).isIn(FinishReason.MAX_TOKENS, FinishReason.END_OF_SEQUENCE);
      assertThat(pieces).isNotEmpty();
      assertThat(String.join("", pieces)).isEqualTo(result.text());
      GenerationResult sampled =
          generator.complete(GenerationRequest.greedy(PROMPT, 32).sampled(1.0, 0.95, 7));
      assertThat(sampled.tokens()).isPositive();
    }
  }
}
