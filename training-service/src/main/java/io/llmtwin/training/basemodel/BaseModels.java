package io.llmtwin.training.basemodel;

import io.llmtwin.support.problem.ApiProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;

/**
 * Checks a requested {@code baseModel} against {@code llmtwin.training.base-models.directory}. With
 * a directory set, the path must be absolute and lie under it; when this node can see the directory
 * (the volume is mounted here too) the path must also be an existing Hugging Face checkpoint
 * ({@code config.json}) that does not leave the directory through a link: neither the checkpoint
 * directory nor any file or folder directly in it may resolve outside it. The directory itself is
 * not a checkpoint. A refused path is a 400 problem {@code base-model-refused} with {@code reason}
 * {@code outside-directory}, {@code not-found} or {@code not-a-checkpoint}. Without a directory
 * every path passes unchanged.
 */
public final class BaseModels {
  static final String PROBLEM = "base-model-refused";

  private final Path directory;

  /** Checks against {@code properties}. */
  public BaseModels(BaseModelProperties properties) {
    this.directory = properties.directory();
  }

  /** The directory base models must lie under, when one is configured. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /**
   * The base model to use for {@code baseModel}: the path normalized when a directory is
   * configured, else {@code baseModel} as given.
   *
   * @throws ApiProblemException 400 {@code base-model-refused} when the path is not allowed
   */
  public String check(String baseModel) {
    if (directory == null || baseModel == null) {
      return baseModel;
    }
    Path path;
    try {
      path = Path.of(baseModel.strip());
    } catch (InvalidPathException e) {
      throw refused(baseModel, "outside-directory", "baseModel is not a path: " + e.getMessage());
    }
    path = path.normalize();
    if (path.equals(directory)) {
      throw refused(
          baseModel,
          "outside-directory",
          "baseModel "
              + baseModel
              + " is the base-models directory itself (give the absolute path of a checkpoint"
              + " directory in it)");
    }
    if (!path.isAbsolute() || !path.startsWith(directory)) {
      throw refused(
          baseModel,
          "outside-directory",
          "baseModel "
              + baseModel
              + " is not under the base-models directory "
              + directory
              + " (give the absolute path of a checkpoint directory in it)");
    }
    if (Files.isDirectory(directory)) {
      if (!Files.isDirectory(path)) {
        throw refused(
            baseModel,
            "not-found",
            "baseModel "
                + baseModel
                + " does not exist in the base-models directory "
                + directory
                + " (copy the checkpoint there first, see docs/operations.md \"Base models\")");
      }
      if (!Files.isRegularFile(path.resolve("config.json"))) {
        throw refused(
            baseModel,
            "not-a-checkpoint",
            "baseModel "
                + baseModel
                + " has no config.json (expected a Hugging Face checkpoint directory)");
      }
      try {
        Path root = directory.toRealPath();
        requireInside(baseModel, path, "", root);
        try (Stream<Path> entries = Files.list(path)) {
          for (Path entry : entries.toList()) {
            requireInside(baseModel, entry, " (its " + entry.getFileName() + ")", root);
          }
        }
      } catch (IOException | UncheckedIOException e) {
        throw refused(
            baseModel,
            "not-found",
            "baseModel " + baseModel + " cannot be read: " + e.getMessage());
      }
    }
    return path.toString();
  }

  /**
   * Refuses when {@code entry} (the checkpoint or an entry of it) resolves outside {@code root}.
   */
  private void requireInside(String baseModel, Path entry, String which, Path root)
      throws IOException {
    if (!entry.toRealPath().startsWith(root)) {
      throw refused(
          baseModel,
          "outside-directory",
          "baseModel "
              + baseModel
              + which
              + " links outside the base-models directory "
              + directory);
    }
  }

  private ApiProblemException refused(String baseModel, String reason, String detail) {
    return new ApiProblemException(HttpStatus.BAD_REQUEST, PROBLEM, "Base model refused", detail)
        .with("reason", reason)
        .with("baseModel", baseModel)
        .with("baseModelsDirectory", directory.toString());
  }
}
