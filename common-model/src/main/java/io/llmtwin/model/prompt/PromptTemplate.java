package io.llmtwin.model.prompt;

/**
 * The instruction prompt format of the twin: the single definition used both to build training
 * sequences and to prompt the served model, so the two can never drift apart.
 *
 * <p>Rendering of a sample with context:
 *
 * <pre>
 * Below is an instruction that describes a writing task. Write a response in the author's own
 * voice. Ground factual claims in the context when one is given, and say so when it is
 * insufficient.
 *
 * ### Instruction:
 * {instruction}
 *
 * ### Context:
 * {context}
 *
 * ### Response:
 * {response}
 * </pre>
 *
 * Without context the {@code ### Context:} section is left out. Instruction and context are
 * trimmed; the response is kept exactly as written (training targets are the author's own bytes).
 */
public final class PromptTemplate {

  /** The fixed preamble every prompt starts with. */
  public static final String PREAMBLE =
      "Below is an instruction that describes a writing task. Write a response in the author's own"
          + " voice. Ground factual claims in the context when one is given, and say so when it is"
          + " insufficient.";

  /** The header that opens an instruction; generation stops when the model starts a new one. */
  public static final String INSTRUCTION_HEADER = "### Instruction:";

  static final String CONTEXT_HEADER = "### Context:";
  static final String RESPONSE_HEADER = "### Response:";
  static final String ARTICLE_HEADER = "Linked article:";

  private PromptTemplate() {}

  /** The prompt part: everything up to and including the response header and its newline. */
  public static String prompt(InstructionSample sample) {
    StringBuilder out = new StringBuilder(256);
    out.append(PREAMBLE).append("\n\n");
    out.append(INSTRUCTION_HEADER).append('\n').append(sample.instruction().trim()).append("\n\n");
    if (sample.hasContext()) {
      out.append(CONTEXT_HEADER).append('\n').append(sample.context().trim()).append("\n\n");
    }
    out.append(RESPONSE_HEADER).append('\n');
    return out.toString();
  }

  /**
   * The context section for writing about a linked article: the article first (title, URL and its
   * extracted text), then the numbered retrieved context when there is one.
   *
   * @param title the article's title, may be null or blank
   * @param url the article's URL
   * @param article the article's main content
   * @param retrievedContext numbered retrieved context, may be null or blank
   */
  public static String articleContext(
      String title, String url, String article, String retrievedContext) {
    StringBuilder out = new StringBuilder(article.length() + 256);
    out.append(ARTICLE_HEADER);
    if (title != null && !title.isBlank()) {
      out.append(' ').append(title.trim());
    }
    out.append(" (").append(url).append(")\n").append(article.trim());
    if (retrievedContext != null && !retrievedContext.isBlank()) {
      out.append("\n\n").append(retrievedContext.trim());
    }
    return out.toString();
  }

  /**
   * Prompt and response of a training sample. The model is trained on {@code prompt + response}
   * with loss on the response tokens only.
   */
  public static Rendered render(InstructionSample sample) {
    if (sample.response() == null) {
      throw new IllegalArgumentException("a training sample needs a response");
    }
    return new Rendered(prompt(sample), sample.response());
  }

  /**
   * A rendered training sample.
   *
   * @param prompt the text the model is conditioned on
   * @param response the text it learns to produce
   */
  public record Rendered(String prompt, String response) {
    /** The whole training text. */
    public String text() {
      return prompt + response;
    }
  }
}
