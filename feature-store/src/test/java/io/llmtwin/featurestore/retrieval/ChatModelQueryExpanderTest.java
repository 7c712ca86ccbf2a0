package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import org.junit.jupiter.api.Test;

class ChatModelQueryExpanderTest {

  @Test
  void stripsListMarkersQuotesDuplicatesAndTheOriginal() {
    String answer =
        """
        Here you go:
        1. Kafka consumer group rebalance storms
        2) "why do kafka consumers rebalance"
        - Kafka consumer group rebalance storms
        * How do I stop rebalancing?
        why does my consumer group rebalance
        """;

    assertThat(ChatModelQueryExpander.parse("Why does my consumer group rebalance", answer, 3))
        .containsExactly(
            "Kafka consumer group rebalance storms",
            "why do kafka consumers rebalance",
            "How do I stop rebalancing?");
  }

  @Test
  void returnsNothingForAnEmptyAnswerOrZeroCount() {
    assertThat(ChatModelQueryExpander.parse("q", "", 3)).isEmpty();
    assertThat(ChatModelQueryExpander.parse("q", null, 3)).isEmpty();
    ChatModel model =
        new ChatModel() {
          @Override
          public String chat(String prompt) {
            return "x";
          }
        };
    assertThat(new ChatModelQueryExpander(model).expand("q", 0)).isEmpty();
  }

  @Test
  void promptAsksForTheRequestedNumberOfRewrites() {
    assertThat(ChatModelQueryExpander.prompt("LoRA rank", 4))
        .contains("4 different rewrites", "LoRA rank");
  }
}
