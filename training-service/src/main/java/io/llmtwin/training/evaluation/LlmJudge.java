package io.llmtwin.training.evaluation;

import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a chat model (any OpenAI-compatible endpoint through LangChain4j) to grade generated answers
 * against the author's reference for accuracy and style on a 1–3 rubric. Answers the judge gives in
 * an unreadable form are counted as unparseable, never guessed; a failing call counts the same way.
 */
public final class LlmJudge {
  private static final Logger log = LoggerFactory.getLogger(LlmJudge.class);

  static final String RUBRIC =
      """
      You grade an answer written in the voice of an author. Compare it with the author's own \
      reference answer.
      accuracy: 1 = wrong or off-topic, 2 = partly correct, 3 = correct and on-topic.
      style: 1 = nothing like the author, 2 = somewhat like the author, 3 = reads like the author.
      Reply with JSON only: {"accuracy": <1-3>, "style": <1-3>}

      Instruction:
      %s

      Reference answer (the author):
      %s

      Answer to grade:
      %s
      """;

  private final ChatModel chat;

  /** Judges with {@code chat}. */
  public LlmJudge(ChatModel chat) {
    this.chat = chat;
  }

  /** Grades one answer; empty when the judge's reply is unreadable or the call failed. */
  public Optional<JudgeVerdict> judge(String instruction, String reference, String answer) {
    String reply;
    try {
      reply = chat.chat(RUBRIC.formatted(instruction, reference, answer));
    } catch (RuntimeException e) {
      log.warn("judge call failed: {}", e.getMessage());
      return Optional.empty();
    }
    Optional<JudgeVerdict> verdict = JudgeVerdict.parse(reply);
    if (verdict.isEmpty()) {
      log.info("judge answer not parseable ({} chars)", reply == null ? 0 : reply.length());
    }
    return verdict;
  }

  /** Grades every (instruction, reference, answer) triple and summarises. */
  public JudgeSummary judgeAll(
      List<String> instructions, List<String> references, List<String> answers) {
    int judged = 0;
    int unparseable = 0;
    double accuracy = 0;
    double style = 0;
    for (int i = 0; i < answers.size(); i++) {
      Optional<JudgeVerdict> v = judge(instructions.get(i), references.get(i), answers.get(i));
      if (v.isPresent()) {
        judged++;
        accuracy += v.get().accuracy();
        style += v.get().style();
      } else {
        unparseable++;
      }
    }
    return new JudgeSummary(
        judged,
        unparseable,
        judged == 0 ? null : accuracy / judged,
        judged == 0 ? null : style / judged);
  }

  /**
   * What the judge said over a test set.
   *
   * @param judged answers with a readable verdict
   * @param unparseable answers whose verdict could not be read (or whose call failed)
   * @param meanAccuracy mean accuracy of the judged answers, {@code null} when none
   * @param meanStyle mean style of the judged answers, {@code null} when none
   */
  public record JudgeSummary(int judged, int unparseable, Double meanAccuracy, Double meanStyle) {}
}
