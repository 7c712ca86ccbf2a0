package io.llmtwin.training.evaluation;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.evaluation}: how a model version is evaluated on its dataset's test
 * split.
 *
 * @param maxSamples test samples used at most (the first ones of the split, which is ordered
 *     deterministically), default 32
 * @param maxNewTokens generated tokens per test instruction (greedy), default 48
 * @param maxSequenceLength tokens per scored sample (prompt + response), default 256
 * @param batchSize samples per forward pass when scoring the loss, default 4
 * @param workDir where checkpoints are downloaded for evaluation, default {@code
 *     ${java.io.tmpdir}/llmtwin-evaluation}
 * @param judge the optional LLM judge
 */
@ConfigurationProperties("llmtwin.training.evaluation")
public record EvaluationProperties(
    int maxSamples,
    int maxNewTokens,
    int maxSequenceLength,
    int batchSize,
    Path workDir,
    Judge judge) {

  /** Defaults and range checks (a bad value fails start-up with the property's name). */
  public EvaluationProperties {
    maxSamples = maxSamples == 0 ? 32 : maxSamples;
    maxNewTokens = maxNewTokens == 0 ? 48 : maxNewTokens;
    maxSequenceLength = maxSequenceLength == 0 ? 256 : maxSequenceLength;
    batchSize = batchSize == 0 ? 4 : batchSize;
    workDir =
        workDir == null
            ? Path.of(System.getProperty("java.io.tmpdir"), "llmtwin-evaluation")
            : workDir;
    judge = judge == null ? new Judge(null, null, null, null) : judge;
    require(maxSamples > 0 && maxSamples <= 10_000, "max-samples must be in 1..10000");
    require(maxNewTokens > 0 && maxNewTokens <= 4096, "max-new-tokens must be in 1..4096");
    require(
        maxSequenceLength >= 8 && maxSequenceLength <= 32_768,
        "max-sequence-length must be in 8..32768");
    require(batchSize > 0 && batchSize <= 256, "batch-size must be in 1..256");
  }

  /** The defaults. */
  public static EvaluationProperties defaults() {
    return new EvaluationProperties(0, 0, 0, 0, null, null);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("llmtwin.training.evaluation." + message);
    }
  }

  /**
   * An LLM judge on any OpenAI-compatible endpoint; off unless {@code base-url} is set.
   *
   * @param baseUrl e.g. {@code https://api.openai.com/v1}
   * @param apiKey the key (from the environment: {@code LLMTWIN_TRAINING_EVALUATION_JUDGE_API_KEY})
   * @param modelName default {@code gpt-4o-mini}
   * @param timeout per call, default 60 s
   */
  public record Judge(String baseUrl, String apiKey, String modelName, Duration timeout) {

    /** Defaults. */
    public Judge {
      modelName = modelName == null || modelName.isBlank() ? "gpt-4o-mini" : modelName;
      timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }

    /** Whether a judge endpoint is configured. */
    public boolean enabled() {
      return baseUrl != null && !baseUrl.isBlank();
    }
  }
}
