package io.llmtwin.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Finds the repository's deployment files and reads YAML documents as plain maps and lists. */
final class Manifests {

  private Manifests() {}

  /** The repository root: the nearest directory upwards holding both {@code k8s/} and the pom. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("k8s")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "no repository root with k8s/ above " + Path.of("").toAbsolutePath());
  }

  /** Every YAML file under {@code dir}, sorted for stable messages. */
  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All non-empty documents of a (multi-document) YAML text that are mappings. */
  static List<Map<String, Object>> documents(String yamlText) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : yaml.loadAll(yamlText)) {
      if (document instanceof Map<?, ?> map) {
        documents.add(asMap(map));
      }
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }

  /** Follows a path of keys through nested maps. */
  static Optional<Object> at(Map<String, Object> root, String... keys) {
    Object current = root;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
        return Optional.empty();
      }
      current = map.get(key);
    }
    return Optional.ofNullable(current);
  }

  static Map<String, Object> mapAt(Map<String, Object> root, String... keys) {
    return at(root, keys).map(Manifests::asMap).orElse(Map.of());
  }

  static String name(Map<String, Object> document) {
    return at(document, "metadata", "name").map(String::valueOf).orElse("<unnamed>");
  }

  static String kind(Map<String, Object> document) {
    return at(document, "kind").map(String::valueOf).orElse("");
  }
}
