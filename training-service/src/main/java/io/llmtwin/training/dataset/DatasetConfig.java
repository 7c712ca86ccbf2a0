package io.llmtwin.training.dataset;

import io.llmtwin.model.document.DocumentType;
import java.util.List;

/**
 * How to build a dataset; every field is optional and defaults as documented.
 *
 * @param types document types to include (default all), keys like {@code article}
 * @param testShare share of each type's samples held out for testing (default 0.1)
 * @param ragShare share of samples that get retrieved context (default 0.2)
 * @param seed seed of the split and the RAG selection (default 42)
 * @param minChars shortest extract kept (default 40)
 * @param maxChars longest extract (articles are cut into sections up to it; default 2000)
 * @param preferencePairs also build DPO pairs when a {@link TextCompletion} is configured
 */
public record DatasetConfig(
    List<String> types,
    Double testShare,
    Double ragShare,
    Long seed,
    Integer minChars,
    Integer maxChars,
    Boolean preferencePairs) {

  /** All defaults. */
  public static DatasetConfig defaults() {
    return new DatasetConfig(null, null, null, null, null, null, null).withDefaults();
  }

  /** A copy with every missing field set to its default; validates ranges. */
  public DatasetConfig withDefaults() {
    List<String> t =
        types == null || types.isEmpty()
            ? List.of(DocumentType.values()).stream().map(DocumentType::key).toList()
            : types.stream().map(s -> DocumentType.parse(s).key()).distinct().sorted().toList();
    DatasetConfig c =
        new DatasetConfig(
            t,
            testShare == null ? 0.1 : testShare,
            ragShare == null ? 0.2 : ragShare,
            seed == null ? 42L : seed,
            minChars == null ? 40 : minChars,
            maxChars == null ? 2000 : maxChars,
            preferencePairs != null && preferencePairs);
    if (c.testShare < 0 || c.testShare >= 1) {
      throw new IllegalArgumentException("testShare must be in [0, 1): " + c.testShare);
    }
    if (c.ragShare < 0 || c.ragShare > 1) {
      throw new IllegalArgumentException("ragShare must be in [0, 1]: " + c.ragShare);
    }
    if (c.minChars < 1 || c.maxChars < c.minChars || c.maxChars > 100_000) {
      throw new IllegalArgumentException(
          "need 1 <= minChars <= maxChars <= 100000: " + c.minChars + ", " + c.maxChars);
    }
    return c;
  }
}
