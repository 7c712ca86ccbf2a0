package io.llmtwin.inference.registry;

import io.llmtwin.inference.gguf.GgufConverter;
import io.llmtwin.inference.gguf.HfCheckpointSource;
import io.llmtwin.inference.model.InferenceMetrics;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.RegistrationFailedException;
import io.llmtwin.registry.model.VersionArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a registry version into a local GGUF file: from the disk cache ({@code
 * <cacheDir>/<model>/v<n>/model-<type>.gguf}), else by downloading the version's {@code
 * gguf/model-<type>.gguf} artifact another replica stored, else by downloading its {@code merged/*}
 * checkpoint and converting it (then storing the result back in the registry). Every download is
 * verified against the SHA-256 the registry recorded.
 */
public final class RegistryModelSource {

  private static final Logger log = LoggerFactory.getLogger(RegistryModelSource.class);
  private static final String MERGED = "merged/";

  private final ModelRegistry registry;
  private final RegistryModelProperties properties;
  private final InferenceMetrics metrics;
  private final GgufConverter converter = new GgufConverter();

  /** Reads from {@code registry} as {@code properties} say; records timings in {@code metrics}. */
  public RegistryModelSource(
      ModelRegistry registry, RegistryModelProperties properties, InferenceMetrics metrics) {
    this.registry = registry;
    this.properties = properties;
    this.metrics = metrics;
  }

  /** The cached file of {@code version} (whether or not it exists yet). */
  Path cachedFile(int version) {
    return properties
        .cacheDir()
        .resolve(properties.model())
        .resolve("v" + version)
        .resolve(properties.ggufFileName());
  }

  /**
   * A GGUF file of {@code version} in the configured type.
   *
   * @throws IOException when a download or the conversion fails
   * @throws io.llmtwin.registry.artifact.ArtifactCorruptedException when a checksum does not match
   */
  public Path prepare(int version) throws IOException {
    long start = System.nanoTime();
    Path target = cachedFile(version);
    if (Files.isRegularFile(target)) {
      metrics.prepared("cache", Duration.ofNanos(System.nanoTime() - start));
      return target;
    }
    Files.createDirectories(target.getParent());
    String model = properties.model();
    ModelVersion registered = registry.version(model, version);
    if (registered.artifact(properties.ggufArtifact()).isPresent()) {
      download(version, properties.ggufArtifact(), target);
      log.info("downloaded {} v{} {} from the registry", model, version, properties.ggufArtifact());
      metrics.prepared("registry", Duration.ofNanos(System.nanoTime() - start));
      return target;
    }
    List<VersionArtifact> merged =
        registered.artifacts().stream().filter(a -> a.name().startsWith(MERGED)).toList();
    if (merged.isEmpty()) {
      throw new IOException(
          model + " v" + version + " has neither " + properties.ggufArtifact() + " nor merged/*");
    }
    Path checkpoint = Files.createTempDirectory(target.getParent(), "merged-");
    try {
      for (VersionArtifact artifact : merged) {
        Path file = checkpoint.resolve(artifact.name().substring(MERGED.length())).normalize();
        if (!file.startsWith(checkpoint) || file.equals(checkpoint)) {
          throw new IOException("artifact name escapes the checkpoint: " + artifact.name());
        }
        Files.createDirectories(file.getParent());
        download(version, artifact.name(), file);
      }
      GgufConverter.Result result;
      try (HfCheckpointSource source = HfCheckpointSource.open(checkpoint)) {
        result =
            converter.convert(source, target, properties.quantization(), model + "-v" + version);
      }
      log.info(
          "converted {} v{} to {} ({} parameters, {} bytes) in {} ms",
          model,
          version,
          properties.quantization(),
          result.parameters(),
          result.bytes(),
          result.took().toMillis());
    } finally {
      deleteRecursively(checkpoint);
    }
    if (properties.publishConverted()) {
      publish(version, target);
    }
    metrics.prepared("converted", Duration.ofNanos(System.nanoTime() - start));
    return target;
  }

  private void download(int version, String artifact, Path file) throws IOException {
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try (InputStream in = registry.openArtifact(properties.model(), "v" + version, artifact)) {
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void publish(int version, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      registry.attachArtifact(properties.model(), version, properties.ggufArtifact(), in);
      log.info(
          "stored {} v{} {} in the registry",
          properties.model(),
          version,
          properties.ggufArtifact());
    } catch (RegistrationFailedException e) {
      // another replica stored it first (names are unique per version): theirs serves as well
      log.info(
          "{} v{} already has {}: {}",
          properties.model(),
          version,
          properties.ggufArtifact(),
          e.getMessage());
    } catch (IOException | RuntimeException e) {
      log.warn("could not store the converted model in the registry: {}", e.toString());
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
