package io.llmtwin.llm.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.model.prompt.InstructionSample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingExampleTest {

  @TempDir Path dir;

  @Test
  void masksPromptAndKeepsResponsePlusEos() {
    HfCheckpoint ckpt = TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 1);
    PromptRenderer renderer =
        s -> new PromptRenderer.Rendered("### instruction : " + s.instruction(), s.response());
    try (LlmTokenizer tok = LlmTokenizer.load(ckpt)) {
      List<TrainingExample> ex =
          TrainingExample.tokenize(
              List.of(new InstructionSample("tell me", "", "yes it is")), renderer, tok, 1, 2, 64);
      TrainingExample e = ex.get(0);
      assertThat(e.promptLength()).isEqualTo(1 + 5);
      assertThat(e.responseTokens()).isEqualTo(4);
      assertThat(e.ids()[0]).isEqualTo(1);
      assertThat(e.ids()[e.ids().length - 1]).isEqualTo(2);
      List<TrainingExample> cut =
          TrainingExample.tokenize(
              List.of(new InstructionSample("tell me", "", "yes it is")), renderer, tok, 1, 2, 8);
      assertThat(cut.get(0).ids()).hasSize(8);
      List<TrainingExample> shared =
          TrainingExample.tokenize(
              List.of(new InstructionSample("tell me about java", null, "yes")),
              PromptRenderer.shared(),
              tok,
              1,
              2,
              256);
      long[] ids = shared.get(0).ids();
      assertThat(ids[ids.length - 2]).isEqualTo(tok.encode("yes")[0]);
      assertThat(tok.decode(java.util.Arrays.copyOfRange(ids, 1, shared.get(0).promptLength())))
          .startsWith("below is an instruction that describes a writing task")
          .endsWith("### response :")
          .doesNotContain("### context");
      assertThat(
              TrainingExample.tokenize(
                  List.of(new InstructionSample("tell me", "", "yes")), renderer, tok, 1, 2, 6))
          .isEmpty();
    }
  }
}
