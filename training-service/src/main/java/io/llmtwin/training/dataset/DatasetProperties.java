package io.llmtwin.training.dataset;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.dataset}: instruction generation.
 *
 * @param chatModel the OpenAI-compatible chat model; generation is offline when its base URL is
 *     empty
 * @param featureStoreTimeout how long one feature-store call may take
 */
@ConfigurationProperties("llmtwin.training.dataset")
public record DatasetProperties(ChatModel chatModel, Duration featureStoreTimeout) {

  /** Defaults. */
  public DatasetProperties {
    chatModel = chatModel == null ? new ChatModel(null, null, null, 0, 0, null) : chatModel;
    featureStoreTimeout =
        featureStoreTimeout == null ? Duration.ofSeconds(30) : featureStoreTimeout;
  }

  /**
   * @param baseUrl e.g. {@code https://api.openai.com/v1}; empty: offline synthesis
   * @param apiKey from the environment ({@code LLMTWIN_TRAINING_DATASET_CHAT_MODEL_API_KEY})
   * @param modelName model name (default {@code gpt-4o-mini})
   * @param batchSize extracts per request (default 8)
   * @param retries extra attempts for extracts missing from an answer (default 2)
   * @param timeout per request (default 60 s)
   */
  public record ChatModel(
      String baseUrl,
      String apiKey,
      String modelName,
      int batchSize,
      int retries,
      Duration timeout) {

    /** Defaults. */
    public ChatModel {
      modelName = modelName == null || modelName.isBlank() ? "gpt-4o-mini" : modelName;
      batchSize = batchSize <= 0 ? 8 : batchSize;
      retries = retries < 0 ? 0 : (retries == 0 ? 2 : retries);
      timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }

    /** Whether a chat model is configured. */
    public boolean enabled() {
      return baseUrl != null && !baseUrl.isBlank();
    }
  }
}
