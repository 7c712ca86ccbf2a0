package io.llmtwin.benchmarks.llmcore;

import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.lora.LoraAdapters;
import io.llmtwin.llm.lora.LoraConfig;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.qlora.QLora;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.llm.train.Trainer;
import io.llmtwin.llm.train.TrainingConfig;
import io.llmtwin.llm.train.TrainingExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Training throughput of llm-core on random-weight Llama models (issue 7's benchmark): vocab 32000,
 * sequence 128, batch 8, PyTorch on 2 threads; {@code small} = dim 256 / 4 layers / 4 heads / ff
 * 688, {@code large} = dim 512 / 8 layers / 8 heads / ff 1376. Modes: {@code full} (every weight
 * trainable), {@code lora} (r 8, alpha 16, all seven projections), {@code qlora} (NF4 base, double
 * quantisation, same adapters). Prints one summary line.
 *
 * <p>Usage: {@code LlmTrainingBenchmark <small|large> <full|lora|qlora> [timedSteps] [threads]}
 */
public final class LlmTrainingBenchmark {

  private LlmTrainingBenchmark() {}

  /** Runs one configuration and prints one line. */
  public static void main(String[] args) throws IOException {
    String size = args.length > 0 ? args[0] : "small";
    String mode = args.length > 1 ? args[1] : "lora";
    int timed = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String threads = args.length > 3 ? args[3] : "2";
    System.setProperty("ai.djl.pytorch.num_threads", threads);
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
    LlamaConfig config =
        switch (size) {
          case "small" -> LlamaConfig.llama(32000, 256, 688, 4, 4, 4);
          case "large" -> LlamaConfig.llama(32000, 512, 1376, 8, 8, 8);
          default -> throw new IllegalArgumentException("size must be small or large");
        };
    int warmup = 2;
    int batch = 8;
    int seq = 128;
    Random rnd = new Random(1);
    List<TrainingExample> data = new ArrayList<>();
    for (int i = 0; i < batch * (warmup + timed); i++) {
      long[] ids = new long[seq + 1];
      for (int t = 0; t < ids.length; t++) {
        ids[t] = 4 + rnd.nextInt(config.vocabSize() - 4);
      }
      data.add(new TrainingExample(ids, 1));
    }
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model =
            LlamaModel.fromWeights(
                config, TinyLlamaCheckpoints.randomWeights(config, 7, 0.02), m)) {
      long fp32 = model.frozenProjectionBytes();
      long nf4 = -1;
      long trainable;
      switch (mode) {
        case "full" -> {
          model.unfreezeAll();
          trainable = model.trainableParameters().values().stream().mapToLong(a -> a.size()).sum();
        }
        case "lora" ->
            trainable = LoraAdapters.attach(model, LoraConfig.of(8, 16, 0.05), 1).parameterCount();
        case "qlora" -> {
          nf4 = QLora.quantize(model, true).nf4Bytes();
          trainable = LoraAdapters.attach(model, LoraConfig.of(8, 16, 0.05), 1).parameterCount();
        }
        default -> throw new IllegalArgumentException("mode must be full, lora or qlora");
      }
      long[] timedStart = new long[2];
      TrainingConfig tc =
          new TrainingConfig(
              warmup + timed,
              batch,
              1,
              1e-4,
              0.01,
              1,
              TrainingConfig.Schedule.COSINE,
              1.0,
              1,
              0,
              0,
              0,
              Optional.empty());
      new Trainer(model, tc)
          .train(
              data,
              List.of(),
              p -> {
                if (p.step() == warmup) {
                  timedStart[0] = System.nanoTime();
                  timedStart[1] = cpuNanos();
                }
              });
      double seconds = (System.nanoTime() - timedStart[0]) / 1e9;
      double cpuSeconds = (cpuNanos() - timedStart[1]) / 1e9;
      double tokensPerSecond = (double) timed * batch * seq / seconds;
      double reference = referenceTokensPerSecond(size, mode);
      System.out.println(
          String.format(
              Locale.ROOT,
              "BENCH llm-core-train size=%s mode=%s threads=%s batch=%d seq=%d steps=%d"
                  + " tokens_per_s=%.0f s_per_step=%.2f cpu_s_per_step=%.2f tokens_per_cpu_s=%.0f"
                  + " peak_rss_mib=%d trainable_params=%d frozen_fp32_bytes=%d frozen_nf4_bytes=%d"
                  + " baseline=pytorch-eager-%s ratio=%.3f",
              size,
              mode,
              threads,
              batch,
              seq,
              timed,
              tokensPerSecond,
              seconds / timed,
              cpuSeconds / timed,
              timed * batch * seq / cpuSeconds,
              peakRssMib(),
              trainable,
              fp32,
              nf4,
              (long) reference,
              tokensPerSecond / reference));
    }
  }

  /**
   * Plain PyTorch eager on the same kind of 2-core machine (platform notes): LoRA 2,100 (small) and
   * 620 (large) tokens/s, full fine-tuning of the large model about 500.
   */
  static double referenceTokensPerSecond(String size, String mode) {
    boolean small = size.equals("small");
    if (mode.equals("full")) {
      return small ? 2100 : 500;
    }
    return small ? 2100 : 620;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long peakRssMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }
}
