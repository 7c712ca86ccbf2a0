package io.llmtwin.llm.train;

/**
 * Turns a sample into the prompt text (no loss) and the response text (loss). The shared prompt
 * template of common-model plugs in here, so training and inference format prompts identically.
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

  /**
   * An Alpaca-style stand-in template, used until the shared template of common-model is wired in.
   */
  static PromptRenderer alpaca() {
    return s -> {
      String prompt =
          s.context().isBlank()
              ? "Below is an instruction that describes a task. Write a response that appropriately"
                  + " completes the request.\n\n### Instruction:\n"
                  + s.instruction()
                  + "\n\n### Response:\n"
              : "Below is an instruction that describes a task, paired with an input that provides"
                  + " further context. Write a response that appropriately completes the request."
                  + "\n\n### Instruction:\n"
                  + s.instruction()
                  + "\n\n### Input:\n"
                  + s.context()
                  + "\n\n### Response:\n";
      return new Rendered(prompt, s.response());
    };
  }
}
