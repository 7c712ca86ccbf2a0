package io.llmtwin.training.dataset;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.llmtwin.featurestore.retrieval.ContextFormatter;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.featurestore.retrieval.SearchOptions;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.training.basemodel.BaseModels;
import io.qdrant.client.QdrantClient;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the dataset feature; every port can be replaced by declaring a bean of its type. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatasetProperties.class)
class DatasetConfiguration {

  /**
   * Reads through the feature store's auto-configured {@link QdrantClient} ({@code
   * llmtwin.qdrant.*}: host, port, API key, TLS, timeout), the one client of this service.
   */
  @Bean
  @ConditionalOnMissingBean
  CleanedDocumentSource cleanedDocumentSource(QdrantClient client, DatasetProperties properties) {
    return new QdrantCleanedDocumentSource(client, properties.featureStoreTimeout());
  }

  /**
   * The feature store's {@link Retriever} when retrieval is enabled ({@code
   * llmtwin.retrieval.enabled=true} activates {@code RetrievalAutoConfiguration}, or the
   * application declares one), the lexical stand-in otherwise. Resolved lazily through providers
   * because the retrieval beans are auto-configured after this (user) configuration is processed.
   */
  @Bean
  @ConditionalOnMissingBean
  ContextRetriever contextRetriever(
      CleanedDocumentSource source,
      ObjectProvider<Retriever> retriever,
      ObjectProvider<ContextFormatter> formatter) {
    Retriever client = retriever.getIfUnique();
    if (client == null) {
      return new LexicalContextRetriever(source);
    }
    return new RetrieverContextRetriever(
        client,
        formatter.getIfUnique(() -> new ContextFormatter(new HuggingFaceTokenCountEstimator())),
        SearchOptions.DEFAULT_TOP_K);
  }

  @Bean
  DatasetBuilder datasetBuilder(
      CleanedDocumentSource source,
      ContextRetriever retriever,
      ObjectProvider<TextCompletion> completion,
      ArtifactStore artifacts,
      BaseModels baseModels,
      DatasetProperties properties) {
    return new DatasetBuilder(
        source,
        generator(properties.chatModel()),
        retriever,
        Optional.ofNullable(completion.getIfAvailable()),
        artifacts,
        baseModels);
  }

  static InstructionGenerator generator(DatasetProperties.ChatModel chat) {
    if (!chat.enabled()) {
      return new OfflineInstructionSynthesizer();
    }
    return new ChatModelInstructionGenerator(
        OpenAiChatModel.builder()
            .baseUrl(chat.baseUrl())
            .apiKey(chat.apiKey() == null || chat.apiKey().isBlank() ? "none" : chat.apiKey())
            .modelName(chat.modelName())
            .temperature(0.0)
            .timeout(chat.timeout())
            .maxRetries(1)
            .build(),
        chat.batchSize(),
        chat.retries());
  }
}
