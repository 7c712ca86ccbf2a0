package io.llmtwin.training.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.generate.Generator;
import io.llmtwin.llm.generate.SamplingOptions;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.testing.TinyLlamaCheckpoints;
import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.model.prompt.PromptTemplate;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.training.basemodel.BaseModelProperties;
import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.dataset.TextCompletion;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rejected answers of DPO pairs come from the base checkpoint through llm-core's generator. */
class LlmCoreTextCompletionTest {
  @TempDir Path dir;

  @Test
  void completesWithTheBaseCheckpointExactlyAsLlmCoreGenerates() {
    HfCheckpoint base =
        TinyLlamaCheckpoints.write(dir.resolve("base"), TinyLlamaCheckpoints.tinyConfig(), 9);
    String prompt =
        PromptTemplate.prompt(new InstructionSample("Write a post about the river", null, "x"));
    LlmCoreTextCompletion completion =
        new LlmCoreTextCompletion(
            new PreferenceProperties(12, null, null),
            new BaseModels(BaseModelProperties.anywhere()));

    String generated;
    try (TextCompletion.Session session = completion.open(base.dir().toString())) {
      generated = session.complete(prompt);
      assertThat(session.complete(prompt)).as("greedy is repeatable").isEqualTo(generated);
    }

    String expected;
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(base, m);
        LlmTokenizer tokenizer = LlmTokenizer.load(base)) {
      expected =
          new Generator(model)
              .generate(
                  tokenizer,
                  prompt,
                  base.config().bosTokenId(),
                  SamplingOptions.greedy(12, Set.of((long) TinyLlamaCheckpoints.EOS)));
    }
    assertThat(generated).isEqualTo(expected).isNotBlank();
  }

  @Test
  void aDirectoryWithoutACheckpointIsABadRequest() {
    LlmCoreTextCompletion completion =
        new LlmCoreTextCompletion(
            new PreferenceProperties(null, null, null),
            new BaseModels(BaseModelProperties.anywhere()));
    assertThatThrownBy(() -> completion.open(dir.toString()))
        .isInstanceOf(ApiProblemException.class)
        .hasMessageContaining("no config.json");
  }
}
