package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.prompt.InstructionSample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextFormatterTest {
  /** One token per whitespace-separated word. */
  private static final TokenCountEstimator WORDS =
      new TokenCountEstimator() {
        @Override
        public int estimateTokenCountInText(String text) {
          String t = text.strip();
          return t.isEmpty() ? 0 : t.split("\\s+").length;
        }

        @Override
        public int estimateTokenCountInMessage(ChatMessage message) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
          throw new UnsupportedOperationException();
        }
      };

  private static RetrievedChunk chunk(String title, String text, Instant at, String link) {
    return new RetrievedChunk(
        title, title, 0, text, "ana", DocumentType.ARTICLE, Platform.MEDIUM, link, title, at, 1);
  }

  private final List<RetrievedChunk> chunks =
      List.of(
          chunk(
              "Outbox",
              "Write the event in the same transaction.",
              Instant.parse("2024-02-11T10:00:00Z"),
              "https://medium.example/outbox"),
          chunk("Slots", "Replication slots pin WAL.", null, null),
          chunk("Long", "word ".repeat(100), null, null));

  @Test
  void numbersSourcesWithTheirMetadata() {
    PromptContext context = new ContextFormatter(WORDS).format(chunks.subList(0, 2), 1000);

    assertThat(context.text())
        .isEqualTo(
            """
            [1] Outbox — article, medium, 2024-02-11, https://medium.example/outbox
            Write the event in the same transaction.

            [2] Slots — article, medium
            Replication slots pin WAL.""");
    assertThat(context.sources()).hasSize(2);
    assertThat(context.omitted()).isZero();
    assertThat(new InstructionSample("Write a post", context.text(), null).hasContext()).isTrue();
  }

  @Test
  void stopsAtTheFirstChunkThatDoesNotFitWithoutCuttingIt() {
    PromptContext context = new ContextFormatter(WORDS).format(chunks, 40);

    assertThat(context.sources())
        .extracting(RetrievedChunk::title)
        .containsExactly("Outbox", "Slots");
    assertThat(context.omitted()).isEqualTo(1);
    assertThat(context.tokens()).isLessThanOrEqualTo(40);
    assertThat(context.text()).doesNotContain("word");
  }

  @Test
  void usesTheConfiguredDefaultBudget() {
    assertThat(new ContextFormatter(WORDS, 40).format(chunks).sources()).hasSize(2);
  }

  @Test
  void isEmptyWhenNothingFits() {
    PromptContext context = new ContextFormatter(WORDS).format(chunks, 3);

    assertThat(context.isEmpty()).isTrue();
    assertThat(context.text()).isEmpty();
    assertThat(context.omitted()).isEqualTo(3);
  }
}
