package io.llmtwin.training.dataset;

/**
 * Port to a base-model text generator, used for the rejected side of DPO preference pairs. When no
 * bean implements it, preference pairs are skipped. The llm-core generator (or an OpenAI-compatible
 * endpoint) implements it.
 */
public interface TextCompletion {

  /** Completes {@code prompt} (rendered with the shared prompt template). */
  String complete(String prompt);
}
