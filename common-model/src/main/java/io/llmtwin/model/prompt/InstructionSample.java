package io.llmtwin.model.prompt;

import java.util.Objects;

/**
 * One instruction-tuning example, or one generation request without {@code response}.
 *
 * @param instruction what the author is asked to write
 * @param context optional retrieved context or source material (numbered sources), may be null
 * @param response the author's own text for training; null when generating
 */
public record InstructionSample(String instruction, String context, String response) {

  public InstructionSample {
    Objects.requireNonNull(instruction, "instruction is required");
    if (instruction.isBlank()) {
      throw new IllegalArgumentException("instruction must not be blank");
    }
  }

  /** A request with no context and no response. */
  public static InstructionSample of(String instruction) {
    return new InstructionSample(instruction, null, null);
  }

  public boolean hasContext() {
    return context != null && !context.isBlank();
  }
}
