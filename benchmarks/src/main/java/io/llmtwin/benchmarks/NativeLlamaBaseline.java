package io.llmtwin.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * The same-run native baseline of {@link InferenceEngineBenchmark}: a small C program ({@code
 * native/llama_native_bench.c}, compiled here with the system's {@code cc}) that calls llama.cpp's
 * C API in the library the {@code de.kherud:llama} binding ships, so it runs exactly the llama.cpp
 * build our serving path runs (b4916), without JNI, the binding's server loop or our slot pool.
 */
final class NativeLlamaBaseline {

  private static final String SOURCE = "native/llama_native_bench.c";

  private final Path executable;
  private final Path library;

  private NativeLlamaBaseline(Path executable, Path library) {
    this.executable = executable;
    this.library = library;
  }

  /** One measurement: medians over the runs, and the greedy tokens of the last run. */
  record Result(double promptTokensPerSecond, double generatedTokensPerSecond, List<Token> tokens) {

    /**
     * The text generated before the first end-of-sequence token, which is where the server stops:
     * the bytes of the pieces, decoded once, as the server joins pieces that split a UTF-8
     * character.
     */
    String textUntil(Collection<Integer> endOfSequence) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Token token : tokens) {
        if (endOfSequence.contains(token.id())) {
          break;
        }
        out.writeBytes(HexFormat.of().parseHex(token.pieceHex()));
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** A generated token and the bytes of its text piece, in hex. */
  record Token(int id, String pieceHex) {}

  /**
   * Extracts the binding's native library and the harness source into {@code work} and compiles the
   * harness.
   *
   * @throws IllegalStateException when this platform has no bundled library or cc fails
   * @throws IOException when there is no {@code cc} to start
   */
  static NativeLlamaBaseline build(Path work) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path library = work.resolve("libjllama.so");
    copyResource(bindingLibraryResource(), library);
    Path source = work.resolve("llama_native_bench.c");
    copyResource(SOURCE, source);
    Path executable = work.resolve("llama_native_bench");
    runToCompletion(
        List.of("cc", "-O2", "-o", executable.toString(), source.toString(), "-ldl"),
        work.resolve("cc.log"),
        Duration.ofMinutes(2),
        "cc could not compile " + source);
    return new NativeLlamaBaseline(executable, library);
  }

  /**
   * Runs the harness: one warm-up run, then {@code runs} measured runs of the prompt (as one batch)
   * and {@code generated} greedy tokens.
   *
   * @param promptIds the prompt's token ids, BOS included, exactly as the server decodes them
   */
  Result run(Path gguf, int threads, int[] promptIds, int generated, int runs)
      throws IOException, InterruptedException {
    StringJoiner ids = new StringJoiner(",");
    Arrays.stream(promptIds).forEach(id -> ids.add(Integer.toString(id)));
    String output =
        runToCompletion(
            List.of(
                executable.toString(),
                library.toString(),
                gguf.toString(),
                Integer.toString(threads),
                Integer.toString(generated),
                Integer.toString(runs),
                ids.toString()),
            executable.resolveSibling("run.log"),
            Duration.ofMinutes(10),
            "native llama.cpp baseline failed on " + gguf);
    List<Double> prompt = new ArrayList<>();
    List<Double> gen = new ArrayList<>();
    List<Token> tokens = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] f = line.split(" ");
      if (f[0].equals("run") && f.length == 6) {
        prompt.add(Double.parseDouble(f[3]));
        gen.add(Double.parseDouble(f[5]));
      } else if (f[0].equals("token") && f.length >= 2) {
        tokens.add(new Token(Integer.parseInt(f[1]), f.length > 2 ? f[2] : ""));
      }
    }
    if (gen.size() != runs || tokens.size() != generated) {
      throw new IllegalStateException("unexpected native baseline output: " + output);
    }
    return new Result(Percentiles.median(prompt), Percentiles.median(gen), tokens);
  }

  /**
   * Runs a command with its output in {@code log} (so a full pipe can never block it), waits at
   * most {@code limit}, and kills it when it overruns or this thread is interrupted.
   *
   * @return the command's output (standard output and error)
   * @throws IllegalStateException when it fails or overruns, with {@code failure} and its output
   */
  private static String runToCompletion(
      List<String> command, Path log, Duration limit, String failure)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (!finished) {
        throw new IllegalStateException(failure + ": still running after " + limit + "\n" + output);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(failure + ": exit " + process.exitValue() + "\n" + output);
      }
      return output;
    } finally {
      process.destroyForcibly();
    }
  }

  /** Where the binding keeps its native library for this platform (see the binding's OSInfo). */
  static String bindingLibraryResource() {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.startsWith("Linux")) {
      throw new IllegalStateException("the native baseline supports Linux only, not " + os);
    }
    String folder =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch64";
          default -> throw new IllegalStateException("no bundled llama.cpp library for " + arch);
        };
    return "de/kherud/llama/Linux/" + folder + "/libjllama.so";
  }

  private static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in =
        NativeLlamaBaseline.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource not on the class path: " + resource);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
