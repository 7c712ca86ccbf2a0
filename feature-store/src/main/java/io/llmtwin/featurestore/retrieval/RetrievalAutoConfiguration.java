package io.llmtwin.featurestore.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.scoring.ScoringModel;
import io.llmtwin.featurestore.FeatureStoreAutoConfiguration;
import io.llmtwin.featurestore.QdrantConnectionProperties;
import io.qdrant.client.QdrantClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot wiring of the retrieval client, active with {@code llmtwin.retrieval.enabled=true}: a
 * {@link Retriever} on the feature store's {@link QdrantClient}, the query embedding model
 * (all-MiniLM-L6-v2 quantized unless the application defines an {@link EmbeddingModel}: it must be
 * the model the chunks were indexed with), an empty {@link AuthorDirectory} unless one is defined,
 * query expansion through an OpenAI-compatible endpoint when {@code llmtwin.retrieval.expansion.*}
 * names one, a cross-encoder reranker when a {@link ScoringModel} bean exists (MMR otherwise), and
 * a {@link ContextFormatter}. Every bean steps back when the application defines its own.
 */
@AutoConfiguration(after = FeatureStoreAutoConfiguration.class)
@ConditionalOnProperty(prefix = "llmtwin.retrieval", name = "enabled", havingValue = "true")
@EnableConfigurationProperties({RetrievalProperties.class, QdrantConnectionProperties.class})
public class RetrievalAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EmbeddingModel queryEmbeddingModel() {
    return new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  @Bean
  @ConditionalOnMissingBean
  AuthorDirectory authorDirectory() {
    return InMemoryAuthorDirectory.empty();
  }

  @Bean
  @ConditionalOnMissingBean
  QueryExpander queryExpander(RetrievalProperties properties) {
    RetrievalProperties.Expansion e = properties.expansion();
    if (!e.configured() || e.count() == 0) {
      return QueryExpander.none();
    }
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(e.baseUrl())
            .apiKey(e.apiKey() == null || e.apiKey().isBlank() ? "none" : e.apiKey())
            .modelName(e.model())
            .temperature(e.temperature())
            .timeout(e.timeout())
            .maxRetries(1)
            .build();
    return new ChatModelQueryExpander(model);
  }

  @Bean
  @ConditionalOnMissingBean
  Reranker reranker(RetrievalProperties properties, ObjectProvider<ScoringModel> scoringModel) {
    ScoringModel crossEncoder = scoringModel.getIfUnique();
    if (crossEncoder != null) {
      return new ScoringModelReranker(crossEncoder);
    }
    return new MmrReranker(
        properties.rerank().mmrLambda(), properties.rerank().duplicateThreshold());
  }

  @Bean
  @ConditionalOnMissingBean
  Retriever retriever(
      QdrantClient client,
      EmbeddingModel embeddingModel,
      AuthorDirectory authors,
      QueryExpander expander,
      Reranker reranker,
      RetrievalProperties properties,
      QdrantConnectionProperties connection) {
    return QdrantRetriever.builder(client, embeddingModel)
        .properties(properties)
        .authorDirectory(authors)
        .expander(expander)
        .reranker(reranker)
        .timeout(connection.timeout())
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  ContextFormatter contextFormatter(RetrievalProperties properties) {
    return new ContextFormatter(
        new HuggingFaceTokenCountEstimator(), properties.context().tokenBudget());
  }
}
