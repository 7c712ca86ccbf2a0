package io.llmtwin.feature.config;

import io.llmtwin.feature.chunking.ChunkingProperties;
import io.llmtwin.feature.chunking.DocumentChunker;
import io.llmtwin.feature.chunking.HuggingFaceTokenCounter;
import io.llmtwin.feature.chunking.TokenCounter;
import io.llmtwin.feature.cleaning.CleaningProperties;
import io.llmtwin.feature.cleaning.DocumentCleaner;
import io.llmtwin.feature.embedding.Embedder;
import io.llmtwin.feature.embedding.EmbeddingProperties;
import io.llmtwin.feature.embedding.LangChain4jEmbedder;
import io.llmtwin.feature.embedding.MicroBatchingEmbedder;
import io.llmtwin.featurestore.FeatureStore;
import io.llmtwin.featurestore.FeatureStoreSchema;
import io.llmtwin.featurestore.InMemoryFeatureStore;
import io.llmtwin.featurestore.QdrantConnectionProperties;
import io.llmtwin.featurestore.QdrantFeatureStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.qdrant.client.QdrantClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires cleaning, chunking, embedding and the feature store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  CleaningProperties.class,
  ChunkingProperties.class,
  EmbeddingProperties.class,
  FeatureStoreProperties.class
})
class FeatureConfiguration {

  @Bean
  DocumentCleaner documentCleaner(CleaningProperties properties) {
    return new DocumentCleaner(properties);
  }

  @Bean(destroyMethod = "close")
  HuggingFaceTokenCounter tokenCounter(EmbeddingProperties properties) {
    return HuggingFaceTokenCounter.fromClasspath(properties.model().tokenizerResource());
  }

  @Bean
  DocumentChunker documentChunker(ChunkingProperties properties, TokenCounter tokenCounter) {
    return new DocumentChunker(properties, tokenCounter);
  }

  /** The model, loaded once, behind the cross-message micro-batcher. */
  @Bean(name = "modelEmbedder", destroyMethod = "close")
  MicroBatchingEmbedder modelEmbedder(EmbeddingProperties properties, MeterRegistry meters) {
    var model = properties.model();
    return new MicroBatchingEmbedder(
        new LangChain4jEmbedder(model.load(), model.spec()),
        properties.maxBatchSize(),
        properties.maxWait(),
        meters);
  }

  @Bean
  @ConditionalOnProperty(
      name = "llmtwin.feature.store.backend",
      havingValue = "qdrant",
      matchIfMissing = true)
  FeatureStore qdrantFeatureStore(
      QdrantClient client, QdrantConnectionProperties connection, Embedder embedder) {
    new FeatureStoreSchema(client, embedder.spec(), connection.timeout()).ensure();
    return new QdrantFeatureStore(client, embedder.spec(), connection.timeout());
  }

  @Bean
  @ConditionalOnProperty(name = "llmtwin.feature.store.backend", havingValue = "memory")
  FeatureStore inMemoryFeatureStore(Embedder embedder) {
    return new InMemoryFeatureStore(embedder.spec().modelId());
  }
}
