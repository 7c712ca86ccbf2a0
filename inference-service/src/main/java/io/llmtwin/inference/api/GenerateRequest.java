package io.llmtwin.inference.api;

/**
 * Body of {@code POST /api/v1/generate}; every field but {@code prompt} is optional.
 *
 * @param prompt what to write about
 * @param authorId whose voice; defaults to the API key's author, another author is 403
 * @param platform platform hint: linkedin, medium, substack or blog
 * @param link an article URL to write about (not supported yet: 400)
 * @param useRag retrieve the author's documents as context (default true)
 * @param maxTokens the most tokens to generate (default {@code default-max-tokens}, at most {@code
 *     max-tokens-cap})
 * @param temperature 0 to 2 (default 0.7; 0 is greedy)
 * @param topP in (0, 1] (default 0.95)
 * @param seed sampling seed (default random)
 */
public record GenerateRequest(
    String prompt,
    String authorId,
    String platform,
    String link,
    Boolean useRag,
    Integer maxTokens,
    Double temperature,
    Double topP,
    Integer seed) {}
