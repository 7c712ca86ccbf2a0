package io.llmtwin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.LlamaCppOptions;
import io.llmtwin.inference.engine.LlamaCppTextGenerator;
import io.llmtwin.inference.gguf.GgufConverter;
import io.llmtwin.inference.gguf.GgufFileType;
import io.llmtwin.inference.gguf.HfCheckpointSource;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's native baseline must decode what the serving path decodes, or its speed says
 * nothing about ours: on a tiny generated model, the C harness (compiled here, run on the binding's
 * own libjllama.so) and {@link LlamaCppTextGenerator} continue the same prompt with the same greedy
 * text.
 */
class NativeLlamaBaselineIT {

  @TempDir Path tmp;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void nativeHarnessGeneratesTheServingPathsGreedyContinuation() throws Exception {
    // CI installs gcc (.ci/run); a machine with only a JDK skips this benchmark check
    assumeTrue(
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "cc"))),
        "no C compiler (cc) on the PATH");
    LlamaConfig config = TinyLlamaCheckpoints.tinyConfig();
    Path hf = tmp.resolve("hf");
    TinyLlamaCheckpoints.write(hf, config, 7);
    Path gguf = tmp.resolve("tiny.gguf");
    try (HfCheckpointSource source = HfCheckpointSource.open(hf)) {
      new GgufConverter().convert(source, gguf, GgufFileType.F32, "tiny");
    }
    NativeLlamaBaseline baseline = NativeLlamaBaseline.build(tmp.resolve("native"));
    String prompt = "### instruction: write about java and spring below. ### response:";
    int generated = 24;

    GenerationResult served;
    int[] promptIds;
    try (LlamaCppTextGenerator generator =
        new LlamaCppTextGenerator(new LlamaCppOptions(gguf, List.of(), 2, 1, 1, 256))) {
      served = generator.complete(GenerationRequest.greedy(prompt, generated));
      promptIds =
          IntStream.concat(
                  IntStream.of(config.bosTokenId()), IntStream.of(generator.tokenize(prompt)))
              .toArray();
    }
    NativeLlamaBaseline.Result nativeRun = baseline.run(gguf, 2, promptIds, generated, 1);

    assertThat(nativeRun.tokens()).hasSize(generated);
    assertThat(served.text()).isNotBlank();
    // the server stops at end-of-sequence; the harness decodes on, so compare up to there
    assertThat(served.text()).isEqualTo(nativeRun.textUntil(config.eosTokenIds()));
    assertThat(nativeRun.promptTokensPerSecond()).isPositive();
    assertThat(nativeRun.generatedTokensPerSecond()).isPositive();
  }
}
