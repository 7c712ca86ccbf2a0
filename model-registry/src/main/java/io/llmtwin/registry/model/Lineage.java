package io.llmtwin.registry.model;

import java.util.Optional;

/**
 * Where a version came from.
 *
 * @param baseModel the base checkpoint it was fine-tuned from, e.g. {@code meta-llama/Llama-3.1-8B}
 * @param datasetVersion the content-addressed dataset version it was trained on
 * @param parentVersion the version of the same model it continued from, or {@code null} when none
 */
public record Lineage(String baseModel, String datasetVersion, Integer parentVersion) {

  /** The parent version, if any. */
  public Optional<Integer> parent() {
    return Optional.ofNullable(parentVersion);
  }
}
