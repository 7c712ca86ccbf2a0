package io.llmtwin.training.dataset;

import java.util.Map;

/**
 * What went into a dataset version.
 *
 * @param generator instruction generator used ({@code offline} or {@code chat-model})
 * @param documents documents read per type
 * @param extracts extracts kept after filters and dedup
 * @param duplicatesRemoved extracts dropped as duplicates
 * @param filteredByLength extracts dropped for being too short
 * @param trainSamples training samples per type
 * @param testSamples test samples per type
 * @param ragSamples samples that carry retrieved context
 * @param generationFailures extracts the chat model did not answer (they got offline instructions)
 * @param preferencePairs DPO pairs built (0 when not requested or not configured)
 */
public record DatasetStatistics(
    String generator,
    Map<String, Integer> documents,
    int extracts,
    int duplicatesRemoved,
    int filteredByLength,
    Map<String, Integer> trainSamples,
    Map<String, Integer> testSamples,
    int ragSamples,
    int generationFailures,
    int preferencePairs) {}
