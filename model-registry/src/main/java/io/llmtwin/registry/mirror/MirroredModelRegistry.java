package io.llmtwin.registry.mirror;

import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.RegisteredModel;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.registry.model.VersionSpec;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ModelRegistry} that reports registrations and recorded metrics to mirrors. */
public final class MirroredModelRegistry implements ModelRegistry {
  private static final Logger log = LoggerFactory.getLogger(MirroredModelRegistry.class);

  private final ModelRegistry delegate;
  private final List<RegistryMirror> mirrors;

  /** Decorates {@code delegate}. */
  public MirroredModelRegistry(ModelRegistry delegate, List<RegistryMirror> mirrors) {
    this.delegate = delegate;
    this.mirrors = List.copyOf(mirrors);
  }

  static void notify(List<RegistryMirror> mirrors, String what, Consumer<RegistryMirror> call) {
    for (RegistryMirror m : mirrors) {
      try {
        call.accept(m);
      } catch (RuntimeException e) {
        log.warn(
            "registry mirror {} failed on {}: {}",
            m.getClass().getSimpleName(),
            what,
            e.getMessage());
      }
    }
  }

  @Override
  public RegisteredModel createModel(String name, String description) {
    return delegate.createModel(name, description);
  }

  @Override
  public Optional<RegisteredModel> findModel(String name) {
    return delegate.findModel(name);
  }

  @Override
  public List<RegisteredModel> models() {
    return delegate.models();
  }

  @Override
  public ModelVersion register(String model, VersionSpec spec, Map<String, Path> artifacts) {
    ModelVersion version = delegate.register(model, spec, artifacts);
    notify(mirrors, model + " " + version.name(), m -> m.versionRegistered(version));
    return version;
  }

  @Override
  public ModelVersion version(String model, String ref) {
    return delegate.version(model, ref);
  }

  @Override
  public List<ModelVersion> versions(String model) {
    return delegate.versions(model);
  }

  @Override
  public ModelVersion recordMetrics(String model, int number, Map<String, Double> metrics) {
    ModelVersion version = delegate.recordMetrics(model, number, metrics);
    notify(mirrors, model + " " + version.name() + " metrics", m -> m.metricsRecorded(version));
    return version;
  }

  @Override
  public VersionArtifact attachArtifact(
      String model, int number, String name, InputStream content) {
    return delegate.attachArtifact(model, number, name, content);
  }

  @Override
  public InputStream openArtifact(String model, String ref, String name) {
    return delegate.openArtifact(model, ref, name);
  }
}
