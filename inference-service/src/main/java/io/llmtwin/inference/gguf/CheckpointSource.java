package io.llmtwin.inference.gguf;

import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import java.io.IOException;
import java.util.List;

/**
 * What the GGUF converter reads from a model checkpoint: the hyper-parameters, the tokenizer
 * vocabulary and the weights by their Hugging Face names ({@code
 * model.layers.0.self_attn.q_proj.weight} ...). {@link HfCheckpointSource} reads a Hugging Face
 * checkpoint directory; other sources (for instance an in-memory model fresh from training) can
 * implement this directly.
 */
public interface CheckpointSource {

  /** The model's hyper-parameters. */
  LlamaConfig config();

  /** The tokenizer, already translated to GGUF's vocabulary form. */
  GgufVocabulary vocabulary();

  /** The Hugging Face names of all stored tensors. */
  List<String> tensorNames();

  /** Loads one tensor as floats (F16/BF16 sources are widened exactly). */
  HostTensor tensor(String name) throws IOException;

  /** The PyTorch-order shape of one tensor; sources should answer without loading the data. */
  default long[] shape(String name) throws IOException {
    return tensor(name).shape();
  }
}
