package io.llmtwin.benchmarks;

import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.model.prompt.PromptTemplate;

/**
 * Example of the harness convention: renders training prompts with the shared template and compares
 * the rate with plain string concatenation of the same parts (the baseline) in the same run.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -cp
 * "benchmarks/target/benchmarks.jar" io.llmtwin.benchmarks.PromptRenderingBenchmark}
 */
public final class PromptRenderingBenchmark {
  private PromptRenderingBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    var sample =
        new InstructionSample(
            "Write a LinkedIn post about retrieval-augmented generation in Java.",
            "[1] RAG in Java (https://example.com/rag)\nRetrieval first, generation second.",
            "Most RAG demos stop at the notebook. Ours runs in production.");
    long sink = 0;
    for (int i = 0; i < n / 10; i++) { // warm-up
      sink += PromptTemplate.render(sample).text().length() + baseline(sample).length();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += PromptTemplate.render(sample).text().length();
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += baseline(sample).length();
    }
    long t2 = System.nanoTime();
    double templatePerSec = n / ((t1 - t0) / 1e9);
    double baselinePerSec = n / ((t2 - t1) / 1e9);
    Summary.of("prompt-rendering")
        .put("renders_per_s", templatePerSec)
        .put("baseline_per_s", baselinePerSec)
        .put("checksum", sink)
        .ratio(templatePerSec, baselinePerSec)
        .print();
  }

  private static String baseline(InstructionSample s) {
    return PromptTemplate.PREAMBLE
        + "\n\n### Instruction:\n"
        + s.instruction()
        + "\n\n### Context:\n"
        + s.context()
        + "\n\n### Response:\n"
        + s.response();
  }
}
