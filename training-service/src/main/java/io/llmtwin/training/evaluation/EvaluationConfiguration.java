package io.llmtwin.training.evaluation;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.dataset.DatasetBuilder;
import io.llmtwin.training.tracking.ExperimentTracker;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring: the style space is the application's {@link EmbeddingModel} (the feature store's query
 * model when retrieval is on), otherwise all-MiniLM-L6-v2 quantized in-process; the judge is on
 * when {@code llmtwin.training.evaluation.judge.base-url} is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvaluationProperties.class)
class EvaluationConfiguration {

  @Bean
  ModelEvaluator modelEvaluator(
      ModelRegistry registry,
      DatasetBuilder datasets,
      ObjectProvider<EmbeddingModel> embeddingModel,
      ExperimentTracker tracker,
      EvaluationProperties properties,
      BaseModels baseModels) {
    EmbeddingModel embeddings =
        embeddingModel.getIfUnique(AllMiniLmL6V2QuantizedEmbeddingModel::new);
    return new ModelEvaluator(
        registry,
        datasets,
        new StyleSimilarity(embeddings),
        judge(properties.judge()),
        tracker,
        properties,
        Clock.systemUTC(),
        baseModels);
  }

  static Optional<LlmJudge> judge(EvaluationProperties.Judge judge) {
    if (!judge.enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        new LlmJudge(
            OpenAiChatModel.builder()
                .baseUrl(judge.baseUrl())
                .apiKey(
                    judge.apiKey() == null || judge.apiKey().isBlank() ? "none" : judge.apiKey())
                .modelName(judge.modelName())
                .temperature(0.0)
                .timeout(judge.timeout())
                .maxRetries(1)
                .build()));
  }
}
