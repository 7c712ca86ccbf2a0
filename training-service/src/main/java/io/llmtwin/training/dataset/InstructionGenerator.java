package io.llmtwin.training.dataset;

import java.util.List;
import java.util.Map;

/** Writes, for each extract, the instruction that would have produced it. */
interface InstructionGenerator {

  /** A short name recorded in the dataset statistics. */
  String name();

  /**
   * Instructions by extract id, for every extract; failures counts extracts that needed fallback.
   */
  Generated generate(List<Extract> extracts);

  /**
   * @param instructions instruction per extract id (complete)
   * @param failures extracts the generator could not answer and that got an offline instruction
   */
  record Generated(Map<String, String> instructions, int failures) {}
}
