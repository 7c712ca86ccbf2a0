package io.llmtwin.featurestore.retrieval;

import java.util.List;

/**
 * Retrieved chunks formatted for a prompt (the {@code context} of an {@code InstructionSample}).
 *
 * @param text numbered sources, empty when nothing fitted
 * @param sources the chunks included, in the order of their numbers ([1] is the first)
 * @param tokens estimated tokens of {@code text}
 * @param omitted chunks left out because the budget was reached
 */
public record PromptContext(String text, List<RetrievedChunk> sources, int tokens, int omitted) {
  public PromptContext {
    sources = List.copyOf(sources);
  }

  /** True when no chunk fitted. */
  public boolean isEmpty() {
    return sources.isEmpty();
  }
}
