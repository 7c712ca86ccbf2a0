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
 * @param preferencePairs also build DPO pairs (chosen = the author's text, rejected = a generation
 *     of {@code baseModel}) when a {@link TextCompletion} is configured
 * @param baseModel base checkpoint that generates the rejected side of preference pairs; required
 *     with {@code preferencePairs} (a training job fills in its own base model), dropped otherwise
 *     so it never changes the version of a dataset without pairs
 */
public record DatasetConfig(
    List<String> types,
    Double testShare,
    Double ragShare,
    Long seed,
    Integer minChars,
    Integer maxChars,
    Boolean preferencePairs,
    String baseModel) {

  /** All defaults. */
  public static DatasetConfig defaults() {
    return new DatasetConfig(null, null, null, null, null, null, null, null).withDefaults();
  }

  /** A copy with every missing field set to its default; validates ranges. */
  public DatasetConfig withDefaults() {
    List<String> t =
        types == null || types.isEmpty()
            ? List.of(DocumentType.values()).stream().map(DocumentType::key).toList()
            : types.stream().map(s -> DocumentType.parse(s).key()).distinct().sorted().toList();
    boolean pairs = preferencePairs != null && preferencePairs;
    DatasetConfig c =
        new DatasetConfig(
            t,
            testShare == null ? 0.1 : testShare,
            ragShare == null ? 0.2 : ragShare,
            seed == null ? 42L : seed,
            minChars == null ? 40 : minChars,
            maxChars == null ? 2000 : maxChars,
            pairs,
            pairs && baseModel != null && !baseModel.isBlank() ? baseModel.strip() : null);
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
    if (c.preferencePairs && c.baseModel == null) {
      throw new IllegalArgumentException(
          "preferencePairs needs baseModel (the checkpoint generating the rejected answers)");
    }
    return c;
  }

  /** This config with {@code model} as the preference-pair base model. */
  public DatasetConfig withBaseModel(String model) {
    return new DatasetConfig(
        types, testShare, ragShare, seed, minChars, maxChars, preferencePairs, model);
  }

  /** This config with {@code model} as the preference-pair base model unless one is set. */
  public DatasetConfig withBaseModelIfUnset(String model) {
    return new DatasetConfig(
        types,
        testShare,
        ragShare,
        seed,
        minChars,
        maxChars,
        preferencePairs,
        baseModel == null || baseModel.isBlank() ? model : baseModel);
  }
}
