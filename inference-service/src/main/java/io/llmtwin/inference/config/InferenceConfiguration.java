package io.llmtwin.inference.config;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import io.llmtwin.featurestore.retrieval.ContextFormatter;
import io.llmtwin.featurestore.retrieval.Retriever;
import io.llmtwin.inference.engine.LlamaCppOptions;
import io.llmtwin.inference.engine.LlamaCppTextGenerator;
import io.llmtwin.inference.engine.ModelLoadException;
import io.llmtwin.inference.engine.TextGenerator;
import io.llmtwin.inference.model.ModelHealthIndicator;
import io.llmtwin.inference.model.ModelServing;
import io.llmtwin.inference.rag.ActiveModel;
import io.llmtwin.inference.rag.GenerationProperties;
import io.llmtwin.inference.rag.TwinGenerationService;
import io.llmtwin.inference.registry.AliasWatcher;
import io.llmtwin.inference.registry.RegistryModelProperties;
import io.llmtwin.inference.registry.RegistryModelSource;
import io.llmtwin.registry.RegistryCollections;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.ModelRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Wires the generation service: a {@link ModelServing} when a model is configured, either a fixed
 * GGUF file ({@code llmtwin.inference.model.path}) or a registry model's alias ({@code
 * llmtwin.inference.registry.model}, followed and hot-swapped by an {@link AliasWatcher}); the
 * feature store's {@link Retriever} when retrieval is enabled; the {@code model} health component.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  ModelProperties.class,
  GenerationProperties.class,
  RegistryModelProperties.class
})
class InferenceConfiguration {

  @Bean(destroyMethod = "close")
  @Conditional(ModelConfigured.class)
  ModelServing modelServing(
      ModelProperties model, RegistryModelProperties registry, MeterRegistry meters) {
    if (registry.model() != null && model.path() != null) {
      throw new IllegalStateException(
          "set either llmtwin.inference.model.path or llmtwin.inference.registry.model, not both");
    }
    String name = registry.model() != null ? registry.model() : model.name();
    ModelServing serving =
        new ModelServing(name, ModelServing.SmokeTest.defaults(), meters, Clock.systemUTC());
    if (registry.model() == null
        && !serving.swapTo(
            model.version(), () -> new LlamaCppTextGenerator(options(model, model.path())))) {
      throw new ModelLoadException(
          "cannot serve " + model.path() + ": " + serving.status().lastError(), null);
    }
    return serving;
  }

  @Bean
  @ConditionalOnProperty(prefix = "llmtwin.inference.registry", name = "model")
  AliasWatcher aliasWatcher(
      RegistryModelProperties properties,
      ModelProperties model,
      ModelRegistry models,
      AliasRegistry aliases,
      MongoTemplate mongo,
      ModelServing serving) {
    RegistryModelSource source = new RegistryModelSource(models, properties, serving.metrics());
    return new AliasWatcher(
        aliases,
        mongo.getCollection(RegistryCollections.ALIAS_HISTORY),
        source,
        file -> new LlamaCppTextGenerator(options(model, file)),
        serving,
        properties);
  }

  /** Health component {@code model}. */
  @Bean
  ModelHealthIndicator modelHealthIndicator(
      ObjectProvider<ModelServing> serving, ObjectProvider<AliasWatcher> watcher) {
    return new ModelHealthIndicator(
        serving.getIfAvailable(),
        () -> {
          AliasWatcher w = watcher.getIfAvailable();
          return w == null ? Map.of() : w.details();
        });
  }

  @Bean
  TwinGenerationService twinGenerationService(
      ObjectProvider<TextGenerator> generator,
      ObjectProvider<Retriever> retriever,
      ObjectProvider<ContextFormatter> formatter,
      ModelProperties model,
      GenerationProperties properties) {
    TextGenerator textGenerator = generator.getIfAvailable();
    ActiveModel fixed = new ActiveModel(model.name(), model.version());
    Supplier<ActiveModel> active =
        textGenerator instanceof ModelServing serving ? serving::activeModel : () -> fixed;
    return new TwinGenerationService(
        textGenerator,
        retriever.getIfAvailable(),
        formatter.getIfAvailable(() -> new ContextFormatter(new CharacterEstimate())),
        active,
        properties);
  }

  /** llama.cpp options for {@code file} with the slot and context settings of {@code model}. */
  static LlamaCppOptions options(ModelProperties model, Path file) {
    LlamaCppOptions options = LlamaCppOptions.forModel(file);
    if (model.slots() != null || model.queueCapacity() != null) {
      int slots = model.slots() == null ? options.slots() : model.slots();
      int queue = model.queueCapacity() == null ? 8 * slots : model.queueCapacity();
      options = options.withSlots(slots, queue);
    }
    if (model.contextPerSlot() != null) {
      options = options.withContextPerSlot(model.contextPerSlot());
    }
    return options;
  }

  /** A model file or a registry model is configured. */
  static final class ModelConfigured extends AnyNestedCondition {
    ModelConfigured() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = "llmtwin.inference.model", name = "path")
    static final class FixedFile {}

    @ConditionalOnProperty(prefix = "llmtwin.inference.registry", name = "model")
    static final class Registry {}
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
