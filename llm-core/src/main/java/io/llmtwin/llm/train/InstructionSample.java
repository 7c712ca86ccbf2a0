package io.llmtwin.llm.train;

/**
 * One supervised fine-tuning sample.
 *
 * @param instruction what the user asks
 * @param context optional input or retrieved context ("" when none)
 * @param response what the model should answer
 */
public record InstructionSample(String instruction, String context, String response) {

  /** Rejects nulls and an empty response. */
  public InstructionSample {
    if (instruction == null || context == null || response == null || response.isBlank()) {
      throw new IllegalArgumentException("instruction, context and a non-blank response required");
    }
  }
}
