package io.llmtwin.model.messaging;

import io.llmtwin.model.document.DocumentType;

/**
 * Names of the exchanges, queues and routing keys of the document pipeline: the one place they
 * live.
 */
public final class Messaging {
  private Messaging() {}

  /** Durable topic exchange the CDC watcher publishes {@link DocumentChanged} messages to. */
  public static final String DOCUMENTS_EXCHANGE = "llmtwin.documents";

  /** Durable queue the feature pipeline consumes; bound with {@link #ALL_DOCUMENT_CHANGES}. */
  public static final String FEATURE_QUEUE = "feature.documents";

  /** Exchange where messages go after their last failed attempt. */
  public static final String DEAD_LETTER_EXCHANGE = "llmtwin.documents.dlx";

  /** Queue holding dead-lettered feature messages with the failure reason in a header. */
  public static final String FEATURE_DEAD_LETTER_QUEUE = "feature.documents.dlq";

  /** Exchange for delayed retries of failed feature messages. */
  public static final String RETRY_EXCHANGE = "llmtwin.documents.retry";

  /**
   * Queue where failed messages wait out the retry delay before going back to the feature queue.
   */
  public static final String FEATURE_RETRY_QUEUE = "feature.documents.retry";

  /** Binding pattern matching every document change. */
  public static final String ALL_DOCUMENT_CHANGES = "#";

  /** Header carrying the reason a message was dead-lettered. */
  public static final String HEADER_FAILURE_REASON = "x-llmtwin-failure-reason";

  /** Header counting delivery attempts. */
  public static final String HEADER_ATTEMPT = "x-llmtwin-attempt";

  /** Header carrying the {@link DocumentChanged#schemaVersion()}. */
  public static final String HEADER_SCHEMA_VERSION = "x-llmtwin-schema-version";

  /** {@code <type>.<operation>}, e.g. {@code article.insert}. */
  public static String routingKey(DocumentType type, ChangeOperation operation) {
    return type.key() + "." + operation.key();
  }
}
