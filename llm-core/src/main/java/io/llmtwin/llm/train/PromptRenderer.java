package io.llmtwin.llm.train;

import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.model.prompt.PromptTemplate;

/**
 * Turns a sample into the prompt text (no loss) and the response text (loss). {@link #shared()} is
 * the twin's single prompt format from common-model, so training and serving format prompts
 * identically; other renderers exist for tests and experiments.
 */
@FunctionalInterface
public interface PromptRenderer {

  /** Renders {@code sample}. */
  Rendered render(InstructionSample sample);

  /**
   * A rendered sample.
   *
   * @param prompt everything the model conditions on
   * @param response the text the loss is computed on
   */
  record Rendered(String prompt, String response) {}

  /** The shared {@link PromptTemplate} of common-model. */
  static PromptRenderer shared() {
    return sample -> {
      PromptTemplate.Rendered r = PromptTemplate.render(sample);
      return new Rendered(r.prompt(), r.response());
    };
  }
}
