package io.llmtwin.benchmarks;

import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.LlamaCppOptions;
import io.llmtwin.inference.engine.LlamaCppTextGenerator;
import io.llmtwin.inference.gguf.GgufConverter;
import io.llmtwin.inference.gguf.GgufFileType;
import io.llmtwin.inference.gguf.HfCheckpointSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Serving-path benchmark (issue 10): a generated ~134M-parameter Llama (dim 768, 12 layers, 12
 * heads, ff 2048, vocab 32000, untied head) written as a Hugging Face checkpoint, converted to GGUF
 * F32 / Q8_0 / Q4_0 by our converter, then served by {@link LlamaCppTextGenerator} with 2 threads:
 * 64 prompt tokens + 64 generated tokens, median of 3 runs after a warm-up run. The baseline is
 * native llama.cpp b4916 on the same kind of file and machine (platform notes: F32 68, Q8_0 181,
 * Q4_0 396 generated tokens/s), so {@code ratio} is the fraction of native generation speed. {@code
 * -Dbench.runs=N} changes the number of measured runs (median reported).
 *
 * <p>Usage: {@code InferenceEngineBenchmark [workDir] [types...]}. Ends with {@code System.exit}
 * because the binding leaves native threads running after close.
 */
public final class InferenceEngineBenchmark {

  private static final int DIM = 768;
  private static final int LAYERS = 12;
  private static final int HEADS = 12;
  private static final int FF = 2048;
  private static final int VOCAB = 32000;
  private static final Map<GgufFileType, Double> NATIVE_B4916 =
      Map.of(GgufFileType.F32, 68.0, GgufFileType.Q8_0, 181.0, GgufFileType.Q4_0, 396.0);

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
    Path hf = work.resolve("hf-134m");
    if (!Files.exists(hf.resolve("model.safetensors"))) {
      long t = System.nanoTime();
      writeCheckpoint(hf);
      System.out.printf(
          Locale.ROOT, "generated checkpoint in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }
    try (HfCheckpointSource checkpoint = HfCheckpointSource.open(hf)) {
      for (GgufFileType type : types) {
        Path gguf = work.resolve("model-" + type + ".gguf");
        GgufConverter.Result converted =
            new GgufConverter().convert(checkpoint, gguf, type, "bench-134m");
        double convertSeconds = converted.took().toNanos() / 1e9;
        double per100M = convertSeconds / (converted.parameters() / 1e8);
        try (LlamaCppTextGenerator generator =
            new LlamaCppTextGenerator(new LlamaCppOptions(gguf, List.of(), 2, 1, 1, 512))) {
          String prompt = promptOf64Tokens(generator);
          GenerationRequest request = GenerationRequest.greedy(prompt, 64);
          generator.complete(request); // warm-up
          int runs = Integer.getInteger("bench.runs", 3);
          double[] gen = new double[runs];
          double[] pp = new double[runs];
          int tokens = 0;
          for (int run = 0; run < runs; run++) {
            // a different first word defeats llama.cpp's prompt cache, so the prompt is evaluated
            GenerationResult r =
                generator.complete(GenerationRequest.greedy(run + " " + prompt, 64));
            double ttft = r.timeToFirstToken().toNanos() / 1e9;
            double total = r.generationTime().toNanos() / 1e9;
            tokens = r.tokens();
            pp[run] = generator.tokenize(run + " " + prompt).length / ttft;
            gen[run] = (r.tokens() - 1) / (total - ttft);
          }
          Arrays.sort(gen);
          Arrays.sort(pp);
          System.out.println(
              Summary.of("inference-engine-" + type)
                  .put("params", converted.parameters())
                  .put("file_mb", converted.bytes() / 1e6)
                  .put("convert_s", convertSeconds)
                  .put("convert_s_per_100M", per100M)
                  .put("prompt_tok_s", pp[runs / 2])
                  .put("gen_tok_s", gen[runs / 2])
                  .put("generated", tokens)
                  .put("native_gen_tok_s", NATIVE_B4916.getOrDefault(type, 0.0))
                  .put(
                      "load_avg",
                      java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                          .getSystemLoadAverage())
                  .ratio(gen[runs / 2], NATIVE_B4916.getOrDefault(type, 0.0))
                  .line());
        }
      }
    }
    System.exit(0);
  }

  private static String promptOf64Tokens(LlamaCppTextGenerator generator) {
    StringBuilder prompt = new StringBuilder();
    String[] words = {
      "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "runs"
    };
    int i = 0;
    while (generator.tokenize(prompt.toString()).length < 63) {
      prompt.append(i == 0 ? "" : " ").append(words[i++ % words.length]);
    }
    return prompt.toString();
  }

  /** SentencePiece-style vocabulary: specials, ▁, ASCII, then pieces grown one letter at a time. */
  private static List<String> vocabulary(List<String> merges) {
    LinkedHashSet<String> vocab = new LinkedHashSet<>(List.of("<unk>", "<s>", "</s>", "\u2581"));
    for (char c = 33; c < 127; c++) {
      vocab.add(String.valueOf(c));
    }
    String letters = "etaoinshrdlcumwfgypbvkjxqz";
    List<String> grow = new ArrayList<>(vocab);
    grow.remove("<unk>");
    grow.remove("<s>");
    grow.remove("</s>");
    for (int i = 0; vocab.size() < VOCAB; i++) {
      String left = grow.get(i);
      for (char c : letters.toCharArray()) {
        String piece = left + c;
        if (vocab.size() < VOCAB && vocab.add(piece)) {
          merges.add(left + " " + c);
          grow.add(piece);
        }
      }
    }
    return new ArrayList<>(vocab);
  }

  private static void writeCheckpoint(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("config.json"),
        String.format(
            Locale.ROOT,
            "{\"model_type\":\"llama\",\"architectures\":[\"LlamaForCausalLM\"],\"vocab_size\":%d,"
                + "\"hidden_size\":%d,\"intermediate_size\":%d,\"num_hidden_layers\":%d,"
                + "\"num_attention_heads\":%d,\"num_key_value_heads\":%d,"
                + "\"max_position_embeddings\":2048,\"rms_norm_eps\":1e-5,\"rope_theta\":10000.0,"
                + "\"tie_word_embeddings\":false,\"bos_token_id\":1,\"eos_token_id\":2}",
            VOCAB,
            DIM,
            FF,
            LAYERS,
            HEADS,
            HEADS));
    List<String> merges = new ArrayList<>();
    List<String> vocab = vocabulary(merges);
    StringBuilder tok = new StringBuilder("{\"version\":\"1.0\",\"added_tokens\":[");
    for (int i = 0; i < 3; i++) {
      tok.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(i)
          .append(",\"content\":\"")
          .append(vocab.get(i))
          .append("\",\"special\":true}");
    }
    tok.append("],\"normalizer\":{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Prepend\",")
        .append("\"prepend\":\"\u2581\"},{\"type\":\"Replace\",\"pattern\":{\"String\":\" \"},")
        .append("\"content\":\"\u2581\"}]},\"pre_tokenizer\":null,\"model\":{\"type\":\"BPE\",")
        .append("\"unk_token\":\"<unk>\",\"byte_fallback\":false,\"vocab\":{");
    for (int i = 0; i < vocab.size(); i++) {
      tok.append(i == 0 ? "" : ",").append(jsonString(vocab.get(i))).append(':').append(i);
    }
    tok.append("},\"merges\":[");
    for (int i = 0; i < merges.size(); i++) {
      tok.append(i == 0 ? "" : ",").append(jsonString(merges.get(i)));
    }
    tok.append("]}}");
    Files.writeString(dir.resolve("tokenizer.json"), tok);

    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put("model.embed_tokens.weight", new long[] {VOCAB, DIM});
    for (int l = 0; l < LAYERS; l++) {
      String p = "model.layers." + l + ".";
      shapes.put(p + "input_layernorm.weight", new long[] {DIM});
      shapes.put(p + "self_attn.q_proj.weight", new long[] {DIM, DIM});
      shapes.put(p + "self_attn.k_proj.weight", new long[] {DIM, DIM});
      shapes.put(p + "self_attn.v_proj.weight", new long[] {DIM, DIM});
      shapes.put(p + "self_attn.o_proj.weight", new long[] {DIM, DIM});
      shapes.put(p + "post_attention_layernorm.weight", new long[] {DIM});
      shapes.put(p + "mlp.gate_proj.weight", new long[] {FF, DIM});
      shapes.put(p + "mlp.up_proj.weight", new long[] {FF, DIM});
      shapes.put(p + "mlp.down_proj.weight", new long[] {DIM, FF});
    }
    shapes.put("model.norm.weight", new long[] {DIM});
    shapes.put("lm_head.weight", new long[] {VOCAB, DIM});
    StringBuilder header = new StringBuilder("{");
    long offset = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
      header
          .append(header.length() == 1 ? "" : ",")
          .append(jsonString(e.getKey()))
          .append(":{\"dtype\":\"F32\",\"shape\":")
          .append(Arrays.toString(e.getValue()))
          .append(",\"data_offsets\":[")
          .append(offset)
          .append(',')
          .append(offset + 4 * n)
          .append("]}");
      offset += 4 * n;
    }
    header.append('}');
    byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(2026);
    try (OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(dir.resolve("model.safetensors")), 1 << 20)) {
      out.write(
          ByteBuffer.allocate(8)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putLong(headerBytes.length)
              .array());
      out.write(headerBytes);
      for (Map.Entry<String, long[]> e : shapes.entrySet()) {
        long[] shape = e.getValue();
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        boolean norm = shape.length == 1;
        double std = norm ? 0 : 1.0 / Math.sqrt(shape[1]);
        ByteBuffer buf = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          // uniform with the target standard deviation: fast and good enough for timing
          buf.putFloat(norm ? 1f : (float) ((random.nextDouble() * 2 - 1) * std * Math.sqrt(3)));
        }
        out.write(buf.array());
      }
    }
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
