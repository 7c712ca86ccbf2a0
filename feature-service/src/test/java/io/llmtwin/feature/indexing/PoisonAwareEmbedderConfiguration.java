package io.llmtwin.feature.indexing;

import io.llmtwin.feature.embedding.Embedder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The real model, except that any text containing {@link #MARKER} fails to embed. */
@TestConfiguration(proxyBeanMethods = false)
class PoisonAwareEmbedderConfiguration {
  static final String MARKER = "EMBEDDING-FAILS-HERE";

  @Bean
  @Primary
  Embedder poisonAwareEmbedder(@Qualifier("modelEmbedder") Embedder model) {
    return new FailingEmbedder(model, text -> text.contains(MARKER));
  }
}
