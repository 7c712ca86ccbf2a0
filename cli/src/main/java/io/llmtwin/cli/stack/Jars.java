package io.llmtwin.cli.stack;

import io.llmtwin.cli.api.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the runnable jars in a built checkout: {@code devstack/target/devstack-*-exec.jar}, {@code
 * <service>/target/<service>-*-exec.jar} (training-service: its repackaged main jar).
 */
public final class Jars {
  private final Path root;

  /** Jars under the repository root {@code root}. */
  public Jars(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The devstack jar. */
  public Path devstack() {
    return find("devstack");
  }

  /** A service's runnable jar. */
  public Path service(Service service) {
    return find(service.module());
  }

  private Path find(String module) {
    Path target = root.resolve(module).resolve("target");
    return candidates(target, module, "-exec.jar")
        .or(() -> candidates(target, module, ".jar"))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no runnable jar in "
                        + target
                        + ": build it with ./mvnw -B -q -pl "
                        + module
                        + " -am package -DskipTests (./llm-twin does this by itself)"));
  }

  private static Optional<Path> candidates(Path target, String module, String suffix) {
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith(module + "-")
                    && n.endsWith(suffix)
                    && !n.endsWith("-sources.jar")
                    && !n.endsWith("-plain.jar")
                    && !n.endsWith("-tests.jar")
                    && (suffix.equals("-exec.jar") || !n.endsWith("-exec.jar"));
              })
          .max(Comparator.comparing(p -> p.toFile().lastModified()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
