package io.llmtwin.inference.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * One traced request, as stored in MongoDB and listed by {@code GET /api/v1/traces}.
 *
 * @param id trace id
 * @param createdAt when the request arrived (the TTL index counts from here)
 * @param endpoint {@code generate}, {@code generate-stream}, {@code chat} or {@code chat-stream}
 * @param authorId the author the request acted for
 * @param keyId the non-secret label of the caller's API key
 * @param prompt the caller's prompt
 * @param renderedPrompt the full prompt given to the model (empty when it never got that far)
 * @param link the linked article's URL, or null
 * @param sourceIds ids ({@code documentId#chunkIndex}) of the retrieved chunks in the context
 * @param completion the generated text (empty on failure)
 * @param promptTokens tokens of the rendered prompt
 * @param completionTokens tokens generated
 * @param retrievalMs retrieval time
 * @param firstTokenMs time to the first token
 * @param totalMs total time
 * @param modelName served model's name
 * @param modelVersion served model's version
 * @param outcome {@code ok}, {@code cancelled}, {@code failed}, {@code rejected}, {@code invalid}
 *     or {@code unavailable}
 * @param finishReason why generation ended, or null
 * @param error the problem slug of a refused or failed request, or null
 */
public record PromptTrace(
    String id,
    Instant createdAt,
    String endpoint,
    String authorId,
    String keyId,
    String prompt,
    String renderedPrompt,
    String link,
    List<String> sourceIds,
    String completion,
    int promptTokens,
    int completionTokens,
    long retrievalMs,
    long firstTokenMs,
    long totalMs,
    String modelName,
    String modelVersion,
    String outcome,
    String finishReason,
    String error) {}
