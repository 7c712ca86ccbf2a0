package io.llmtwin.model.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptTemplateTest {

  @Test
  void rendersPromptWithContextExactly() {
    var sample =
        new InstructionSample(
            "  Write a LinkedIn post about vector databases. ",
            "[1] Qdrant in production (https://example.com/q)\nWe run Qdrant on three nodes.\n",
            null);
    assertThat(PromptTemplate.prompt(sample))
        .isEqualTo(
            "Below is an instruction that describes a writing task. Write a response in the author's"
                + " own voice. Ground factual claims in the context when one is given, and say so when"
                + " it is insufficient.\n"
                + "\n"
                + "### Instruction:\n"
                + "Write a LinkedIn post about vector databases.\n"
                + "\n"
                + "### Context:\n"
                + "[1] Qdrant in production (https://example.com/q)\n"
                + "We run Qdrant on three nodes.\n"
                + "\n"
                + "### Response:\n");
  }

  @Test
  void leavesOutContextSectionWhenThereIsNone() {
    String prompt = PromptTemplate.prompt(new InstructionSample("Write about RAG", "  ", null));
    assertThat(prompt).doesNotContain("### Context:");
    assertThat(prompt).endsWith("### Instruction:\nWrite about RAG\n\n### Response:\n");
  }

  @Test
  void keepsTrainingResponseByteForByte() {
    String response = "  def f(x):\n\treturn x  \n\n🚀 #java\n";
    var rendered = PromptTemplate.render(new InstructionSample("Write code", null, response));
    assertThat(rendered.response()).isEqualTo(response);
    assertThat(rendered.text()).isEqualTo(rendered.prompt() + response);
    assertThat(rendered.prompt())
        .isEqualTo(PromptTemplate.prompt(InstructionSample.of("Write code")));
  }

  @Test
  void refusesTrainingSampleWithoutResponse() {
    assertThatThrownBy(() -> PromptTemplate.render(InstructionSample.of("Write")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InstructionSample.of(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void linkedArticleComesBeforeTheNumberedContext() {
    String context =
        PromptTemplate.articleContext(
            "Zebra caches",
            "https://blog.example/zebra",
            "  Caches cut latency.\n",
            "[1] Own post\nText.");
    assertThat(context)
        .isEqualTo(
            "Linked article: Zebra caches (https://blog.example/zebra)\nCaches cut latency."
                + "\n\n[1] Own post\nText.");
    assertThat(PromptTemplate.articleContext(null, "https://x.example/a", "Body", null))
        .isEqualTo("Linked article: (https://x.example/a)\nBody");
    assertThat(PromptTemplate.prompt(new InstructionSample("Write about it", context, null)))
        .contains("### Context:\nLinked article: Zebra caches");
  }
}
