package io.llmtwin.inference.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to load a GGUF model into llama.cpp.
 *
 * @param model the GGUF file
 * @param adapters GGUF LoRA adapters applied on top of the model (empty for none). The binding
 *     passes at most one adapter, at scale 1, to llama.cpp (its {@code --lora} option is a map
 *     entry and its {@code --lora-scaled} argument is malformed and aborts the JVM); bake other
 *     scales into the adapter's alpha when converting it
 * @param threads ggml compute threads per decode (2 suits the 2-core machines; more threads than
 *     cores slows everything down)
 * @param slots generations decoded concurrently (llama.cpp parallel sequences); at least 1
 * @param queueCapacity requests that may wait for a slot before new ones are rejected
 * @param contextPerSlot tokens of context (prompt + generation) each slot holds
 */
public record LlamaCppOptions(
    Path model,
    List<LoraAdapter> adapters,
    int threads,
    int slots,
    int queueCapacity,
    int contextPerSlot) {

  /** A GGUF LoRA adapter and its scale (1.0 applies it as trained). */
  public record LoraAdapter(Path file, float scale) {
    /** Checks the arguments. */
    public LoraAdapter {
      Objects.requireNonNull(file, "file");
    }
  }

  /** Validates the options. */
  public LlamaCppOptions {
    Objects.requireNonNull(model, "model");
    adapters = List.copyOf(adapters);
    if (adapters.size() > 1) {
      throw new IllegalArgumentException("llama.cpp through de.kherud:llama takes one adapter");
    }
    if (adapters.stream().anyMatch(a -> a.scale() != 1f)) {
      throw new IllegalArgumentException(
          "adapter scale must be 1 (convert the adapter with the scale folded into alpha)");
    }
    if (threads < 1 || slots < 1 || queueCapacity < 0 || contextPerSlot < 16) {
      throw new IllegalArgumentException(
          "threads and slots >= 1, queueCapacity >= 0, contextPerSlot >= 16");
    }
  }

  /**
   * Defaults sized to this machine: 2 compute threads (or 1 on a single core), as many slots as
   * pairs of cores, a queue of 8 per slot and 2048 tokens of context per slot.
   */
  public static LlamaCppOptions forModel(Path model) {
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = Math.min(2, cores);
    int slots = Math.max(1, cores / threads);
    return new LlamaCppOptions(model, List.of(), threads, slots, 8 * slots, 2048);
  }

  /** These options with a different slot count and queue capacity. */
  public LlamaCppOptions withSlots(int slots, int queueCapacity) {
    return new LlamaCppOptions(model, adapters, threads, slots, queueCapacity, contextPerSlot);
  }

  /** These options with a different context size per slot. */
  public LlamaCppOptions withContextPerSlot(int contextPerSlot) {
    return new LlamaCppOptions(model, adapters, threads, slots, queueCapacity, contextPerSlot);
  }

  /** These options with LoRA adapters. */
  public LlamaCppOptions withAdapters(List<LoraAdapter> adapters) {
    return new LlamaCppOptions(model, adapters, threads, slots, queueCapacity, contextPerSlot);
  }
}
