package io.llmtwin.training.basemodel;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.base-models}: where base checkpoints may be read from.
 *
 * @param directory the only directory a job's (or a dataset's) {@code baseModel} may lie under, an
 *     absolute path; in Kubernetes the read-only base-models volume ({@code /models}, see
 *     docs/operations.md "Base models"). Unset (default): any local path is accepted, as a
 *     developer machine and {@code ./llm-twin demo} need
 */
@ConfigurationProperties("llmtwin.training.base-models")
public record BaseModelProperties(Path directory) {

  /** Normalizes the directory; a relative one fails start-up with the property's name. */
  public BaseModelProperties {
    if (directory != null && directory.toString().isBlank()) {
      directory = null;
    }
    if (directory != null) {
      if (!directory.isAbsolute()) {
        throw new IllegalArgumentException(
            "llmtwin.training.base-models.directory must be an absolute path, found " + directory);
      }
      directory = directory.normalize();
    }
  }

  /** No restriction: any local path. */
  public static BaseModelProperties anywhere() {
    return new BaseModelProperties(null);
  }
}
