package io.llmtwin.training.dataset;

/**
 * Port to a base-model text generator, used for the rejected side of DPO preference pairs. When no
 * bean implements it, preference pairs are skipped (and counted as 0 in the statistics). The
 * llm-core generator ({@code training.lora.LlmCoreTextCompletion}) implements it.
 */
public interface TextCompletion {

  /**
   * Opens a generator on the base checkpoint {@code baseModel}; the caller closes it after the
   * dataset's prompts are completed.
   *
   * @throws io.llmtwin.support.problem.ApiProblemException (400) when there is no usable checkpoint
   */
  Session open(String baseModel);

  /** An open generator. */
  interface Session extends AutoCloseable {

    /** Continues {@code prompt} (rendered with the shared prompt template). */
    String complete(String prompt);

    @Override
    void close();
  }
}
