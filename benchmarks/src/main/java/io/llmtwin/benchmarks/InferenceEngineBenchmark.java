package io.llmtwin.benchmarks;

import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.LlamaCppOptions;
import io.llmtwin.inference.engine.LlamaCppTextGenerator;
import io.llmtwin.inference.gguf.GgufConverter;
import io.llmtwin.inference.gguf.GgufFileType;
import io.llmtwin.inference.gguf.HfCheckpointSource;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Serving-path benchmark (issue 10): a generated ~134M-parameter Llama (dim 768, 12 layers, 12
 * heads, ff 2048, vocab 32000, untied head) written as a Hugging Face checkpoint, converted to GGUF
 * F32 / Q8_0 / Q4_0 by our converter, then served by {@link LlamaCppTextGenerator} with 2 threads:
 * 64 prompt tokens + 64 generated tokens, median of 3 runs after a warm-up run.
 *
 * <p>The baseline is measured in the same run on the same file: {@link NativeLlamaBaseline} drives
 * llama.cpp's C API directly in the library the binding ships (b4916), with the same prompt tokens,
 * threads and greedy decoding, so {@code ratio} = our generation tokens/s ÷ native generation
 * tokens/s, and {@code same_text} says whether both produced the same continuation. {@code
 * -Dbench.runs=N} changes the number of measured runs (median reported).
 *
 * <p>Usage: {@code InferenceEngineBenchmark [workDir] [types...]}. Ends with {@code System.exit}
 * because the binding leaves native threads running after close.
 */
public final class InferenceEngineBenchmark {

  private static final int THREADS = 2;
  private static final int PROMPT_TOKENS = 64;
  private static final int GENERATED_TOKENS = 64;

  private InferenceEngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/llmtwin-inference-bench");
    List<GgufFileType> types = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      types.add(GgufFileType.valueOf(args[i]));
    }
    if (types.isEmpty()) {
      types = List.of(GgufFileType.F32, GgufFileType.Q8_0, GgufFileType.Q4_0);
    }
    int runs = Integer.getInteger("bench.runs", 3);
    LlamaConfig config = LlamaConfig.llama(32000, 768, 2048, 12, 12, 12);
    Path hf = work.resolve("hf-134m-v2");
    if (!Files.exists(hf.resolve(Safetensors.MODEL_FILE))) {
      long t = System.nanoTime();
      TinyLlamaCheckpoints.write(
          hf,
          config,
          2026,
          TinyLlamaCheckpoints.Options.defaults().withInitStd(1 / Math.sqrt(768)));
      System.out.printf(
          Locale.ROOT, "generated checkpoint in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }
    NativeLlamaBaseline baseline = NativeLlamaBaseline.build(work.resolve("native"));
    try (HfCheckpointSource checkpoint = HfCheckpointSource.open(hf)) {
      for (GgufFileType type : types) {
        Path gguf = work.resolve("model-" + type + ".gguf");
        GgufConverter.Result converted =
            new GgufConverter().convert(checkpoint, gguf, type, "bench-134m");
        double convertSeconds = converted.took().toNanos() / 1e9;
        double per100M = convertSeconds / (converted.parameters() / 1e8);
        double promptTokS;
        double genTokS;
        GenerationResult last = null;
        int[] promptIds;
        try (LlamaCppTextGenerator generator =
            new LlamaCppTextGenerator(new LlamaCppOptions(gguf, List.of(), THREADS, 1, 1, 512))) {
          String prompt = promptOf(PROMPT_TOKENS - 2, generator); // + BOS + the run number
          generator.complete(GenerationRequest.greedy(prompt, GENERATED_TOKENS)); // warm-up
          List<Double> gen = new ArrayList<>();
          List<Double> pp = new ArrayList<>();
          for (int run = 0; run < runs; run++) {
            // a different first word defeats llama.cpp's prompt cache, so the prompt is evaluated
            // (all but the cached BOS: tokenize() leaves BOS out)
            last =
                generator.complete(GenerationRequest.greedy(run + " " + prompt, GENERATED_TOKENS));
            double ttft = last.timeToFirstToken().toNanos() / 1e9;
            double total = last.generationTime().toNanos() / 1e9;
            pp.add(generator.tokenize(run + " " + prompt).length / ttft);
            gen.add((last.tokens() - 1) / (total - ttft));
          }
          promptTokS = Percentiles.median(pp);
          genTokS = Percentiles.median(gen);
          // the native run decodes the last run's prompt, BOS first, as the server does
          promptIds =
              IntStream.concat(
                      IntStream.of(config.bosTokenId()),
                      Arrays.stream(generator.tokenize((runs - 1) + " " + prompt)))
                  .toArray();
        }
        // our model and its threads are gone before the native run starts
        NativeLlamaBaseline.Result nativeRun =
            baseline.run(gguf, THREADS, promptIds, GENERATED_TOKENS, runs);
        String nativeText = nativeRun.textUntil(config.eosTokenIds());
        System.out.println(
            Summary.of("inference-engine-" + type)
                .put("params", converted.parameters())
                .put("file_mb", converted.bytes() / 1e6)
                .put("convert_s", convertSeconds)
                .put("convert_s_per_100M", per100M)
                .put("prompt_tokens", promptIds.length)
                .put("prompt_tok_s", promptTokS)
                .put("native_prompt_tok_s", nativeRun.promptTokensPerSecond())
                .put("gen_tok_s", genTokS)
                .put("native_gen_tok_s", nativeRun.generatedTokensPerSecond())
                .put("generated", last.tokens())
                .put("same_text", Boolean.toString(last.text().equals(nativeText)))
                .put(
                    "load_avg",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage())
                .ratio(genTokS, nativeRun.generatedTokensPerSecond())
                .line());
      }
    }
    System.exit(0);
  }

  /** A prompt of {@code tokens} tokens: words of the generated vocabulary, one token each. */
  private static String promptOf(int tokens, LlamaCppTextGenerator generator) {
    List<String> words =
        TinyLlamaCheckpoints.WORDS.stream()
            .filter(w -> w.chars().allMatch(Character::isLetter))
            .toList();
    StringBuilder prompt = new StringBuilder();
    for (int i = 0; generator.tokenize(prompt.toString()).length < tokens; i++) {
      prompt.append(i == 0 ? "" : " ").append(words.get(i % words.size()));
    }
    return prompt.toString();
  }
}
