package io.llmtwin.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JudgeVerdictTest {

  @Test
  void readsScoresFromFencedOrChattyAnswers() {
    assertThat(JudgeVerdict.parse("{\"accuracy\": 3, \"style\": 2}"))
        .contains(new JudgeVerdict(3, 2));
    assertThat(JudgeVerdict.parse("```json\n{\"Accuracy\": \"2\", \"STYLE\": 1.0}\n```"))
        .contains(new JudgeVerdict(2, 1));
    assertThat(
            JudgeVerdict.parse(
                "Here is my grade: {\"reasoning\": \"close\"} then {\"accuracy\":1,\"style\":3}."))
        .contains(new JudgeVerdict(1, 3));
  }

  @Test
  void neverGuessesFromAnswersItCannotRead() {
    assertThat(JudgeVerdict.parse("accuracy 3, style 2")).isEmpty();
    assertThat(JudgeVerdict.parse("{\"accuracy\": 4, \"style\": 2}")).isEmpty();
    assertThat(JudgeVerdict.parse("{\"accuracy\": 2.5, \"style\": 2}")).isEmpty();
    assertThat(JudgeVerdict.parse("{\"accuracy\": \"high\", \"style\": 2}")).isEmpty();
    assertThat(JudgeVerdict.parse("{\"accuracy\": 2}")).isEmpty();
    assertThat(JudgeVerdict.parse("{\"accuracy\": 2, \"style\": 2")).isEmpty();
    assertThat(JudgeVerdict.parse(null)).isEmpty();
  }
}
