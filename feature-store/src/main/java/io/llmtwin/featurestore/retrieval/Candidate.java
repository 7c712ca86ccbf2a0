package io.llmtwin.featurestore.retrieval;

/**
 * A retrieved chunk with its dense vector, as handed to a {@link Reranker}.
 *
 * @param chunk the chunk; its score is the fused relevance
 * @param vector the chunk's dense embedding (unit length for cosine collections)
 */
public record Candidate(RetrievedChunk chunk, float[] vector) {}
