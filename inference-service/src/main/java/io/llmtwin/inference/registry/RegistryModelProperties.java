package io.llmtwin.inference.registry;

import io.llmtwin.inference.gguf.GgufFileType;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Serving a model from the model registry ({@code llmtwin.inference.registry.*}); active when
 * {@code model} is set (needs {@code spring.mongodb.uri}, the registry's MongoDB).
 *
 * @param model the registered model to serve, e.g. {@code twin-demo}; unset: no registry model
 * @param alias the alias whose version is served (default {@code accepted})
 * @param quantization the GGUF type the merged checkpoint is converted to (default {@code Q8_0};
 *     also {@code F32}, {@code F16}, {@code Q4_0})
 * @param cacheDir where converted and downloaded GGUF files are kept, by model, version and type
 * @param pollInterval how often the alias is checked when the change stream is down, and the
 *     longest a missed change-stream event can delay a swap (default 15s)
 * @param changeStream whether to watch {@code alias_history} with a MongoDB change stream (default
 *     true; polling alone otherwise)
 * @param publishConverted whether a replica that converted a version stores the GGUF file back in
 *     the registry as artifact {@code gguf/model-<type>.gguf} (default true)
 */
@ConfigurationProperties("llmtwin.inference.registry")
public record RegistryModelProperties(
    String model,
    @DefaultValue("accepted") String alias,
    @DefaultValue("Q8_0") GgufFileType quantization,
    Path cacheDir,
    @DefaultValue("15s") Duration pollInterval,
    @DefaultValue("true") boolean changeStream,
    @DefaultValue("true") boolean publishConverted) {

  /** Validates the settings and fills in the cache directory. */
  public RegistryModelProperties {
    if (model != null && model.isBlank()) {
      model = null;
    }
    if (alias == null || alias.isBlank()) {
      throw new IllegalArgumentException("llmtwin.inference.registry.alias must not be blank");
    }
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("llmtwin.inference.registry.poll-interval must be > 0");
    }
    if (cacheDir == null) {
      cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "llmtwin-inference", "models");
    }
  }

  /** The artifact name a converted file is stored under, e.g. {@code gguf/model-q8_0.gguf}. */
  public String ggufArtifact() {
    return "gguf/" + ggufFileName();
  }

  /** The file name of a converted model, e.g. {@code model-q8_0.gguf}. */
  String ggufFileName() {
    return "model-" + quantization.name().toLowerCase(java.util.Locale.ROOT) + ".gguf";
  }
}
