package io.llmtwin.feature.indexing;

import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import io.llmtwin.model.messaging.Messaging;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Builds and publishes DocumentChanged messages the way the crawler's CDC watcher does. */
final class TestDocuments {
  static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private TestDocuments() {}

  static RawDocument article(String link, int paragraphs, String marker) {
    String content =
        "# "
            + marker
            + "\n\n"
            + IntStream.range(0, paragraphs)
                .mapToObj(
                    p ->
                        "Paragraph "
                            + p
                            + " explains retrieval augmented generation with Java, Qdrant and"
                            + " RabbitMQ in enough words to make this a realistic paragraph of an"
                            + " article about building an LLM twin from your own writing. "
                            + "It keeps going for a while so that several paragraphs fill a chunk.")
                .collect(Collectors.joining("\n\n"));
    return new RawDocument(
        DocumentIds.forUrl(link),
        DocumentType.ARTICLE,
        "jane",
        Platform.MEDIUM,
        link,
        "Article " + marker,
        content,
        Instant.parse("2026-01-01T00:00:00Z"),
        Instant.now(),
        DocumentIds.contentHash(content),
        "en",
        null);
  }

  /** LinkedIn post {@code post-1} of jane with this content, fetched at {@code fetchedAt}. */
  static RawDocument post(String content, Instant fetchedAt) {
    return new RawDocument(
        "post-1",
        DocumentType.POST,
        "jane",
        Platform.LINKEDIN,
        "https://linkedin.com/p/1",
        null,
        content,
        null,
        fetchedAt,
        DocumentIds.contentHash(content),
        "en",
        null);
  }

  static DocumentChanged change(ChangeOperation operation, RawDocument document) {
    return DocumentChanged.of(UUID.randomUUID().toString(), operation, document, Instant.now());
  }

  static void publish(RabbitTemplate rabbit, DocumentChanged event) {
    publishRaw(
        rabbit,
        event.routingKey(),
        event.eventId(),
        JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
  }

  static void publishRaw(RabbitTemplate rabbit, String routingKey, String messageId, byte[] body) {
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setContentEncoding("UTF-8");
    props.setMessageId(messageId);
    props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    props.setHeader(Messaging.HEADER_SCHEMA_VERSION, DocumentChanged.SCHEMA_VERSION);
    rabbit.send(Messaging.DOCUMENTS_EXCHANGE, routingKey, new Message(body, props));
  }
}
