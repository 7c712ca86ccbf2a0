package io.llmtwin.inference.config;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import io.llmtwin.featurestore.retrieval.ContextFormatter;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.inference.engine.LlamaCppOptions;
import io.llmtwin.inference.engine.LlamaCppTextGenerator;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.rag.ActiveModel;
import io.llmtwin.inference.rag.GenerationProperties;
import io.llmtwin.inference.rag.TwinGenerationService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the generation service: a llama.cpp model when {@code llmtwin.inference.model.path} is set,
 * the feature store's {@link Retriever} when retrieval is enabled.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ModelProperties.class, GenerationProperties.class})
class InferenceConfiguration {

  @Bean
  ActiveModel activeModel(ModelProperties model) {
    return new ActiveModel(model.name(), model.version());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(prefix = "llmtwin.inference.model", name = "path")
  TextGenerator llamaCppTextGenerator(ModelProperties model) {
    LlamaCppOptions options = LlamaCppOptions.forModel(model.path());
    if (model.slots() != null || model.queueCapacity() != null) {
      int slots = model.slots() == null ? options.slots() : model.slots();
      int queue = model.queueCapacity() == null ? 8 * slots : model.queueCapacity();
      options = options.withSlots(slots, queue);
    }
    if (model.contextPerSlot() != null) {
      options = options.withContextPerSlot(model.contextPerSlot());
    }
    return new LlamaCppTextGenerator(options);
  }

  @Bean
  TwinGenerationService twinGenerationService(
      ObjectProvider<TextGenerator> generator,
      ObjectProvider<Retriever> retriever,
      ObjectProvider<ContextFormatter> formatter,
      ActiveModel model,
      GenerationProperties properties) {
    return new TwinGenerationService(
        generator.getIfAvailable(),
        retriever.getIfAvailable(),
        formatter.getIfAvailable(() -> new ContextFormatter(new CharacterEstimate())),
        model,
        properties);
  }

  /** Four characters a token: the estimate used when retrieval brings no tokenizer. */
  private static final class CharacterEstimate implements TokenCountEstimator {
    @Override
    public int estimateTokenCountInText(String text) {
      return (text.length() + 3) / 4;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
      return estimateTokenCountInText(message.toString());
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
      int total = 0;
      for (ChatMessage message : messages) {
        total += estimateTokenCountInMessage(message);
      }
      return total;
    }
  }
}
