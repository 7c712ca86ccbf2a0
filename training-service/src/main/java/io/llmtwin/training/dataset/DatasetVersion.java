package io.llmtwin.training.dataset;

import java.util.Map;

/**
 * A stored, content-addressed dataset.
 *
 * @param version {@code ds-<first 16 hex of SHA-256 over config and samples>}
 * @param authorId whose texts it holds
 * @param config the config it was built with (defaults filled in)
 * @param statistics what went into it
 * @param artifacts artifact name ({@code train.jsonl}, {@code test.jsonl}, {@code stats.json},
 *     optionally {@code preferences.jsonl}) → artifact-store key
 */
public record DatasetVersion(
    String version,
    String authorId,
    DatasetConfig config,
    DatasetStatistics statistics,
    Map<String, String> artifacts) {

  /** Artifact-store key prefix of a dataset version. */
  public static String keyPrefix(String version) {
    return "datasets/" + version + "/";
  }
}
