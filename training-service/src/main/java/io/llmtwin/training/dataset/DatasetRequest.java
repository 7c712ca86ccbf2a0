package io.llmtwin.training.dataset;

import io.llmtwin.support.problem.ApiProblemException;
import java.util.List;

/**
 * Body of {@code POST /api/v1/datasets}: the author and the dataset config fields (as in a training
 * job's {@code dataset}), every config field optional.
 *
 * @param authorId whose corpus is turned into a dataset (required)
 * @param types see {@link DatasetConfig}
 * @param testShare see {@link DatasetConfig}
 * @param ragShare see {@link DatasetConfig}
 * @param seed see {@link DatasetConfig}
 * @param minChars see {@link DatasetConfig}
 * @param maxChars see {@link DatasetConfig}
 * @param preferencePairs see {@link DatasetConfig}
 * @param baseModel see {@link DatasetConfig}
 */
record DatasetRequest(
    String authorId,
    List<String> types,
    Double testShare,
    Double ragShare,
    Long seed,
    Integer minChars,
    Integer maxChars,
    Boolean preferencePairs,
    String baseModel) {

  /** The validated config. */
  DatasetConfig config() {
    try {
      return new DatasetConfig(
              types, testShare, ragShare, seed, minChars, maxChars, preferencePairs, baseModel)
          .withDefaults();
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid("dataset: " + e.getMessage());
    }
  }

  /** Author ids are short printable tokens (they end up in filters and artifact metadata). */
  static void checkAuthorId(String authorId) {
    if (authorId == null || authorId.isBlank()) {
      throw ApiProblemException.invalid("authorId is required");
    }
    if (!authorId.matches("[A-Za-z0-9._@:-]{1,128}")) {
      throw ApiProblemException.invalid(
          "authorId must be 1-128 characters of letters, digits and . _ @ : -");
    }
  }
}
