package io.llmtwin.registry.mirror;

import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.ModelRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the application's {@link ModelRegistry} and {@link AliasRegistry} beans in their mirrored
 * decorators when at least one {@link RegistryMirror} bean exists; otherwise leaves them alone.
 */
public final class RegistryMirrorPostProcessor implements BeanPostProcessor {
  private final ObjectProvider<RegistryMirror> mirrors;

  /** Looks the mirrors up lazily, when the registries are created. */
  public RegistryMirrorPostProcessor(ObjectProvider<RegistryMirror> mirrors) {
    this.mirrors = mirrors;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof MirroredModelRegistry || bean instanceof MirroredAliasRegistry) {
      return bean;
    }
    if (bean instanceof ModelRegistry registry) {
      List<RegistryMirror> all = mirrors.orderedStream().toList();
      return all.isEmpty() ? bean : new MirroredModelRegistry(registry, all);
    }
    if (bean instanceof AliasRegistry aliases) {
      List<RegistryMirror> all = mirrors.orderedStream().toList();
      return all.isEmpty() ? bean : new MirroredAliasRegistry(aliases, all);
    }
    return bean;
  }
}
